"""key loans approved on paper: a loan brought in from an old 借用钥匙登记表 names its
approving manager as written on paper, not as an operator of this desk

key_loan.approved_by (the approving operator) may be NULL; approver_name always holds
the name. Loans lent at the desk still set both.

On SQLite the NOT NULL is taken off the table's definition in place, the procedure the
SQLite documentation gives for removing a NOT NULL constraint ("Making Other Kinds Of
Table Schema Changes"): rebuilding key_loan instead would have to drop a table the key
events point at, which the enforced foreign keys refuse.

Revision ID: 0012_key_loan_paper_approval
Revises: 0011_key_event_loan
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0012_key_loan_paper_approval"
down_revision = "0011_key_event_loan"
branch_labels = None
depends_on = None

_NOT_NULL = re.compile(r"(\bapproved_by\s+INTEGER)\s+NOT\s+NULL", re.IGNORECASE)
_NULLABLE = re.compile(r"(\bapproved_by\s+INTEGER)(?!\s+NOT\s+NULL)", re.IGNORECASE)


def _rewrite_sqlite(conn: sa.Connection, pattern: re.Pattern[str], replacement: str) -> None:
    sql = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'key_loan'").scalar_one()
    new, changed = pattern.subn(replacement, sql, count=1)
    if changed != 1:
        raise RuntimeError("key_loan.approved_by is not as this migration expects")
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar_one()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    conn.execute(sa.text("UPDATE sqlite_master SET sql = :sql "
                         "WHERE type = 'table' AND name = 'key_loan'"), {"sql": new})
    conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    conn.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        _rewrite_sqlite(conn, _NOT_NULL, r"\1")
    else:
        op.alter_column("key_loan", "approved_by", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.exec_driver_sql("SELECT count(*) FROM key_loan WHERE approved_by IS NULL"
                            ).scalar_one():
        raise RuntimeError("key_loan holds loans approved on paper (imported); an older "
                           "build cannot keep them")
    if conn.dialect.name == "sqlite":
        _rewrite_sqlite(conn, _NULLABLE, r"\1 NOT NULL")
    else:
        op.alter_column("key_loan", "approved_by", existing_type=sa.Integer(), nullable=False)
