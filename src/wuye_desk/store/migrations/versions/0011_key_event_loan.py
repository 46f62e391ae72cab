"""keys: a key's events name the loan they belong to, so a loan's corrections point at it

Revision ID: 0011_key_event_loan
Revises: 0004_keys
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_key_event_loan"
down_revision = "0004_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("key_event") as batch:
        batch.add_column(sa.Column("loan_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_key_event_loan_id_key_loan", "key_loan", ["loan_id"], ["id"])
        batch.create_index("ix_key_event_loan_id", ["loan_id"], unique=False)
    # the lendings and returns made before: the loan of the same key last lent by then
    op.execute("""
        UPDATE key_event SET loan_id = (
            SELECT key_loan.id FROM key_loan
            WHERE key_loan.key_id = key_event.key_id AND key_loan.out_at <= key_event.at
            ORDER BY key_loan.out_at DESC, key_loan.id DESC LIMIT 1)
        WHERE key_event.kind IN ('借出', '归还')
    """)


def downgrade() -> None:
    with op.batch_alter_table("key_event") as batch:
        batch.drop_index("ix_key_event_loan_id")
        batch.drop_constraint("fk_key_event_loan_id_key_loan", type_="foreignkey")
        batch.drop_column("loan_id")
