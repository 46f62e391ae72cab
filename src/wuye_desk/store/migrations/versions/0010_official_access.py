"""official access: accesses by government or judicial officers (rule G3)

Revision ID: 0010_official_access
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_official_access"
down_revision = "0001_foundation"
branch_labels = ("privacy",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "official_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("accessed_at", sa.DateTime(), nullable=False),
        sa.Column("officer_name", sa.String(40), nullable=False),
        sa.Column("officer_org", sa.String(100), nullable=False),
        sa.Column("officer_id_type", sa.String(20), nullable=False),
        sa.Column("officer_id_number", sa.String(40), nullable=False),
        sa.Column("legal_basis", sa.String(200), nullable=False),
        sa.Column("records", sa.Text(), nullable=False),
        sa.Column("approved_by", sa.Integer(), nullable=False),
        sa.Column("approver_name", sa.String(40), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["approved_by"], ["operator.id"], name="fk_official_access_approver"),
        sa.ForeignKeyConstraint(["created_by"], ["operator.id"], name="fk_official_access_operator"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_official_access_at", "official_access", ["accessed_at"])


def downgrade() -> None:
    op.drop_index("ix_official_access_at", table_name="official_access")
    op.drop_table("official_access")
