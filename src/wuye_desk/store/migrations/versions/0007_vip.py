"""vip: the VIP archive, family, cards and services

Revision ID: 0007_vip
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

from wuye_desk.store import search_index

revision = "0007_vip"
down_revision = "0001_foundation"
branch_labels = ("vip",)
depends_on = None


def _recorded(table: str) -> list[sa.schema.SchemaItem]:
    return [sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("created_by", sa.Integer(), nullable=True),
            sa.ForeignKeyConstraint(["created_by"], ["operator.id"],
                                    name=f"fk_{table}_created_by_operator")]


def upgrade() -> None:
    op.create_table(
        "vip_customer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("unit_sort", sa.String(40), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("phone", sa.String(30), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("birthday", sa.String(30), nullable=False),
        sa.Column("preferences", sa.Text(), nullable=False),
        sa.Column("assistant", sa.String(40), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("qualification", sa.String(200), nullable=False),
        sa.Column("approved_by", sa.String(40), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("card_number", sa.String(10), nullable=False),
        sa.Column("card_status", sa.String(10), nullable=False),
        sa.Column("card_valid_to", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_recorded("vip_customer"),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"],
                                name="fk_vip_customer_household_id_household"),
        sa.PrimaryKeyConstraint("id", name="pk_vip_customer"),
        sa.UniqueConstraint("household_id", "name", name="uq_vip_customer_household_name"),
    )
    op.create_index("ix_vip_customer_unit_sort", "vip_customer", ["unit_sort", "id"])
    op.create_index("ix_vip_customer_valid_to", "vip_customer", ["card_status", "card_valid_to"])
    if op.get_bind().dialect.name == "sqlite":  # the search box's full-text index
        for stmt in search_index.create_statements("vip_customer"):
            op.execute(stmt)

    op.create_table(
        "vip_family_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vip_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("relation", sa.String(20), nullable=False),
        sa.Column("birthday", sa.String(30), nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["vip_id"], ["vip_customer.id"],
                                name="fk_vip_family_member_vip_id_vip_customer"),
        sa.PrimaryKeyConstraint("id", name="pk_vip_family_member"),
    )
    op.create_index("ix_vip_family_member_vip_id", "vip_family_member", ["vip_id"])

    op.create_table(
        "vip_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vip_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(10), nullable=False),
        sa.Column("prefix", sa.String(4), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(10), nullable=False),
        sa.Column("checked_by", sa.String(40), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("ended_by", sa.Integer(), nullable=True),
        sa.Column("end_reason", sa.String(40), nullable=False),
        sa.Column("end_note", sa.String(200), nullable=False),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        *_recorded("vip_card"),
        sa.ForeignKeyConstraint(["vip_id"], ["vip_customer.id"],
                                name="fk_vip_card_vip_id_vip_customer"),
        sa.ForeignKeyConstraint(["ended_by"], ["operator.id"],
                                name="fk_vip_card_ended_by_operator"),
        sa.ForeignKeyConstraint(["replaces_id"], ["vip_card.id"],
                                name="fk_vip_card_replaces_id_vip_card"),
        sa.PrimaryKeyConstraint("id", name="pk_vip_card"),
        sa.UniqueConstraint("number", name="uq_vip_card_number"),
        sa.UniqueConstraint("prefix", "level", "sequence", name="uq_vip_card_prefix_level_seq"),
    )
    op.create_index("ix_vip_card_vip_id", "vip_card", ["vip_id"])
    op.create_index("ix_vip_card_issued", "vip_card", ["issued_on", "id"])

    op.create_table(
        "vip_service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vip_id", sa.Integer(), nullable=False),
        sa.Column("card_number", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("given_at", sa.DateTime(), nullable=False),
        sa.Column("given_by", sa.String(40), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        *_recorded("vip_service"),
        sa.ForeignKeyConstraint(["vip_id"], ["vip_customer.id"],
                                name="fk_vip_service_vip_id_vip_customer"),
        sa.PrimaryKeyConstraint("id", name="pk_vip_service"),
    )
    op.create_index("ix_vip_service_vip_given", "vip_service", ["vip_id", "given_at", "id"])
    op.create_index("ix_vip_service_given", "vip_service", ["given_at", "id"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for stmt in search_index.drop_statements("vip_customer"):
            op.execute(stmt)
    for table in ("vip_service", "vip_card", "vip_family_member", "vip_customer"):
        op.drop_table(table)
