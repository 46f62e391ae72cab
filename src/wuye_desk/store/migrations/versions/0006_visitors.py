"""visitors: the visitor log, goods passes, the watch list

Revision ID: 0006_visitors
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

from wuye_desk.store import search_index

revision = "0006_visitors"
down_revision = "0001_foundation"
branch_labels = ("visitors",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(20), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("arrived_at", sa.DateTime(), nullable=False),
        sa.Column("left_at", sa.DateTime(), nullable=True),
        sa.Column("visitor_name", sa.String(40), nullable=False),
        sa.Column("id_type", sa.String(20), nullable=False),
        sa.Column("id_number", sa.String(40), nullable=False),
        sa.Column("id_purged", sa.Boolean(), nullable=False),
        sa.Column("phone", sa.String(30), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("plate", sa.String(10), nullable=False),
        sa.Column("purpose", sa.String(100), nullable=False),
        sa.Column("host_unit_code", sa.String(30), nullable=True),
        sa.Column("host_household_id", sa.Integer(), nullable=True),
        sa.Column("host_department", sa.String(100), nullable=False),
        sa.Column("host_name", sa.String(40), nullable=False),
        sa.Column("host_position", sa.String(100), nullable=False),
        sa.Column("host_phone", sa.String(30), nullable=False),
        sa.Column("host_answer", sa.String(10), nullable=False),
        sa.Column("answered_by", sa.String(40), nullable=False),
        sa.Column("watch_note", sa.Text(), nullable=False),
        sa.Column("night", sa.Boolean(), nullable=False),
        sa.Column("duty_manager_id", sa.Integer(), nullable=True),
        sa.Column("duty_manager_name", sa.String(40), nullable=False),
        sa.Column("host_signed", sa.Boolean(), nullable=True),
        sa.Column("slip_returned", sa.Boolean(), nullable=True),
        sa.Column("exit_by", sa.Integer(), nullable=True),
        sa.Column("exit_note", sa.String(200), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["host_household_id"], ["household.id"],
                                name="fk_visit_host_household_id_household"),
        sa.ForeignKeyConstraint(["duty_manager_id"], ["operator.id"],
                                name="fk_visit_duty_manager_id_operator"),
        sa.ForeignKeyConstraint(["exit_by"], ["operator.id"], name="fk_visit_exit_by_operator"),
        sa.ForeignKeyConstraint(["created_by"], ["operator.id"],
                                name="fk_visit_created_by_operator"),
        sa.PrimaryKeyConstraint("id", name="pk_visit"),
        sa.UniqueConstraint("serial", name="uq_visit_serial"),
    )
    op.create_index("ix_visit_arrived", "visit", ["arrived_at", "id"])
    op.create_index("ix_visit_status_arrived", "visit", ["status", "arrived_at", "id"])
    op.create_index("ix_visit_host_unit_arrived", "visit", ["host_unit_code", "arrived_at", "id"])
    op.create_index("ix_visit_id_number_arrived", "visit", ["id_number", "arrived_at"])
    op.create_index("ix_visit_purge", "visit", ["id_purged", "arrived_at"])
    op.create_index("ix_visit_host_household_id", "visit", ["host_household_id"])
    op.create_index("ix_visit_duty_manager_id", "visit", ["duty_manager_id"])
    if op.get_bind().dialect.name == "sqlite":  # the search box's full-text index
        for stmt in search_index.create_statements("visit"):
            op.execute(stmt)

    op.create_table(
        "goods_pass",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(20), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("direction", sa.String(10), nullable=False),
        sa.Column("carried_at", sa.DateTime(), nullable=False),
        sa.Column("unit_code", sa.String(30), nullable=True),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("company", sa.String(100), nullable=False),
        sa.Column("carrier_name", sa.String(40), nullable=False),
        sa.Column("carrier_phone", sa.String(30), nullable=False),
        sa.Column("sealed", sa.Boolean(), nullable=False),
        sa.Column("signed_by", sa.String(40), nullable=False),
        sa.Column("refusal", sa.Text(), nullable=False),
        sa.Column("night", sa.Boolean(), nullable=False),
        sa.Column("duty_manager_id", sa.Integer(), nullable=True),
        sa.Column("duty_manager_name", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"],
                                name="fk_goods_pass_household_id_household"),
        sa.ForeignKeyConstraint(["duty_manager_id"], ["operator.id"],
                                name="fk_goods_pass_duty_manager_id_operator"),
        sa.ForeignKeyConstraint(["created_by"], ["operator.id"],
                                name="fk_goods_pass_created_by_operator"),
        sa.PrimaryKeyConstraint("id", name="pk_goods_pass"),
        sa.UniqueConstraint("serial", name="uq_goods_pass_serial"),
    )
    op.create_index("ix_goods_pass_created", "goods_pass", ["created_at", "id"])
    op.create_index("ix_goods_pass_unit_code", "goods_pass", ["unit_code"])
    op.create_index("ix_goods_pass_household_id", "goods_pass", ["household_id"])

    op.create_table(
        "goods_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pass_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(100), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(10), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.ForeignKeyConstraint(["pass_id"], ["goods_pass.id"],
                                name="fk_goods_item_pass_id_goods_pass"),
        sa.PrimaryKeyConstraint("id", name="pk_goods_item"),
    )
    op.create_index("ix_goods_item_pass_id", "goods_item", ["pass_id"])

    op.create_table(
        "watch_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("id_number", sa.String(40), nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["operator.id"],
                                name="fk_watch_entry_created_by_operator"),
        sa.PrimaryKeyConstraint("id", name="pk_watch_entry"),
    )
    op.create_index("ix_watch_entry_name", "watch_entry", ["name"])
    op.create_index("ix_watch_entry_id_number", "watch_entry", ["id_number"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for stmt in search_index.drop_statements("visit"):
            op.execute(stmt)
    for table in ("watch_entry", "goods_item", "goods_pass", "visit"):
        op.drop_table(table)
