"""foundation: operators, office settings, audit trail, household archive

Revision ID: 0001_foundation
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "operator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(40), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_operator"),
        sa.UniqueConstraint("login", name="uq_operator_login"),
    )
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_app_setting"),
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("operator_name", sa.String(40), nullable=False),
        sa.Column("action", sa.String(80), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(40), nullable=False),
        sa.Column("change", sa.String(10), nullable=False),
        sa.Column("before_json", sa.Text(), nullable=True),
        sa.Column("after_json", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_entry"),
    )
    op.create_index("ix_audit_entry_at", "audit_entry", ["at"])
    op.create_index("ix_audit_entry_operator_id", "audit_entry", ["operator_id"])
    op.create_index("ix_audit_entry_entity", "audit_entry", ["entity"])

    op.create_table(
        "household",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(30), nullable=False),
        sa.Column("unit_sort", sa.String(40), nullable=False),
        sa.Column("building", sa.String(10), nullable=False),
        sa.Column("occupancy", sa.String(10), nullable=False),
        sa.Column("tenure", sa.String(10), nullable=False),
        sa.Column("move_in_date", sa.Date(), nullable=True),
        sa.Column("segment", sa.String(20), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("primary_name", sa.String(40), nullable=False),
        sa.Column("primary_phone", sa.String(30), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["operator.id"],
                                name="fk_household_created_by_operator"),
        sa.PrimaryKeyConstraint("id", name="pk_household"),
        sa.UniqueConstraint("unit_code", name="uq_household_unit_code"),
    )
    op.create_index("ix_household_unit_sort", "household", ["unit_sort"])
    op.create_index("ix_household_building", "household", ["building"])
    op.create_index("ix_household_primary_name", "household", ["primary_name"])
    op.create_table(
        "member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("phone", sa.String(30), nullable=False),
        sa.Column("id_type", sa.String(20), nullable=False),
        sa.Column("id_number", sa.String(40), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"],
                                name="fk_member_household_id_household"),
        sa.PrimaryKeyConstraint("id", name="pk_member"),
    )
    op.create_index("ix_member_household_id", "member", ["household_id"])
    op.create_table(
        "emergency_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("phone", sa.String(30), nullable=False),
        sa.Column("relation", sa.String(20), nullable=False),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"],
                                name="fk_emergency_contact_household_id_household"),
        sa.PrimaryKeyConstraint("id", name="pk_emergency_contact"),
    )
    op.create_index("ix_emergency_contact_household_id", "emergency_contact", ["household_id"])


def downgrade() -> None:
    for table in ("emergency_contact", "member", "household", "audit_entry", "app_setting",
                  "operator"):
        op.drop_table(table)
