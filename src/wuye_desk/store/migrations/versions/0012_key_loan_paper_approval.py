"""key loans approved on paper: a loan brought in from an old 借用钥匙登记表 names its
approving manager as written on paper, not as an operator of this desk

key_loan.approved_by (the approving operator) may be NULL; approver_name always holds
the name. Loans lent at the desk still set both.

Revision ID: 0012_key_loan_paper_approval
Revises: 0004_keys
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_key_loan_paper_approval"
down_revision = "0004_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("key_loan") as batch:
        batch.alter_column("approved_by", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("key_loan") as batch:
        batch.alter_column("approved_by", existing_type=sa.Integer(), nullable=False)
