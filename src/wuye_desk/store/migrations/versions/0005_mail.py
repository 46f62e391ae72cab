"""mail: items signed for, notices, pickups, returns, newspapers

Revision ID: 0005_mail
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

from wuye_desk.store import search_index

revision = "0005_mail"
down_revision = "0001_foundation"
branch_labels = ("mail",)
depends_on = None

LIVE_ITEM = sa.text("status <> '已更正'")


def _recorded() -> list[sa.Column]:  # type: ignore[type-arg]
    return [sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("created_by", sa.Integer(), nullable=True)]


def _fk_created(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["created_by"], ["operator.id"],
                                   name=f"fk_{table}_created_by_operator")


def upgrade() -> None:
    op.create_table(
        "mail_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(30), nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("told_at", sa.DateTime(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        *_recorded(),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"],
                                name="fk_mail_notice_household_id_household"),
        _fk_created("mail_notice"),
        sa.PrimaryKeyConstraint("id", name="pk_mail_notice"),
    )
    op.create_index("ix_mail_notice_household_id", "mail_notice", ["household_id"])

    op.create_table(
        "mail_pickup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("unit_code", sa.String(30), nullable=True),
        sa.Column("picked_at", sa.DateTime(), nullable=False),
        sa.Column("collector_name", sa.String(40), nullable=False),
        sa.Column("collector_kind", sa.String(10), nullable=False),
        sa.Column("id_type", sa.String(20), nullable=False),
        sa.Column("id_masked", sa.String(40), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("signature_png", sa.LargeBinary(), nullable=True),
        *_recorded(),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"],
                                name="fk_mail_pickup_household_id_household"),
        _fk_created("mail_pickup"),
        sa.PrimaryKeyConstraint("id", name="pk_mail_pickup"),
    )
    op.create_index("ix_mail_pickup_household_id", "mail_pickup", ["household_id"])

    op.create_table(
        "mail_return",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(10), nullable=False),
        sa.Column("returned_at", sa.DateTime(), nullable=False),
        sa.Column("postal_clerk", sa.String(40), nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        *_recorded(),
        _fk_created("mail_return"),
        sa.PrimaryKeyConstraint("id", name="pk_mail_return"),
    )

    op.create_table(
        "mail_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tracking_no", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("carrier", sa.String(10), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("unit_code", sa.String(30), nullable=True),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("addressee", sa.String(40), nullable=False),
        sa.Column("address_text", sa.String(100), nullable=False),
        sa.Column("position", sa.String(20), nullable=False),
        sa.Column("damage", sa.String(200), nullable=False),
        sa.Column("undeliverable", sa.Boolean(), nullable=False),
        sa.Column("remark", sa.String(200), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=True),
        sa.Column("notified_at", sa.DateTime(), nullable=True),
        sa.Column("notice_method", sa.String(10), nullable=False),
        sa.Column("public_notice_at", sa.DateTime(), nullable=True),
        sa.Column("pickup_id", sa.Integer(), nullable=True),
        sa.Column("picked_up_at", sa.DateTime(), nullable=True),
        sa.Column("return_id", sa.Integer(), nullable=True),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("correction_of", sa.Integer(), nullable=True),
        sa.Column("corrected_by", sa.Integer(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        *_recorded(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"],
                                name="fk_mail_item_household_id_household"),
        sa.ForeignKeyConstraint(["notice_id"], ["mail_notice.id"],
                                name="fk_mail_item_notice_id_mail_notice"),
        sa.ForeignKeyConstraint(["pickup_id"], ["mail_pickup.id"],
                                name="fk_mail_item_pickup_id_mail_pickup"),
        sa.ForeignKeyConstraint(["return_id"], ["mail_return.id"],
                                name="fk_mail_item_return_id_mail_return"),
        sa.ForeignKeyConstraint(["correction_of"], ["mail_item.id"],
                                name="fk_mail_item_correction_of_mail_item"),
        sa.ForeignKeyConstraint(["corrected_by"], ["mail_item.id"],
                                name="fk_mail_item_corrected_by_mail_item"),
        _fk_created("mail_item"),
        sa.PrimaryKeyConstraint("id", name="pk_mail_item"),
    )
    op.create_index("ix_mail_item_received", "mail_item", ["received_at", "id"])
    op.create_index("ix_mail_item_status_received", "mail_item", ["status", "received_at", "id"])
    op.create_index("ix_mail_item_unit_received", "mail_item", ["unit_code", "received_at", "id"])
    op.create_index("ix_mail_item_household_status", "mail_item", ["household_id", "status"])
    op.create_index("uq_mail_item_tracking_live", "mail_item", ["tracking_no"], unique=True,
                    sqlite_where=LIVE_ITEM, postgresql_where=LIVE_ITEM)
    op.create_index("ix_mail_item_tracking", "mail_item", ["tracking_no"])
    op.create_index("ix_mail_item_notice_id", "mail_item", ["notice_id"])
    op.create_index("ix_mail_item_pickup_id", "mail_item", ["pickup_id"])
    op.create_index("ix_mail_item_return_id", "mail_item", ["return_id"])
    op.create_index("ix_mail_item_correction_of", "mail_item", ["correction_of"])
    if op.get_bind().dialect.name == "sqlite":  # the search box's full-text index
        for stmt in search_index.create_statements("mail_item"):
            op.execute(stmt)

    op.create_table(
        "newspaper_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("title", sa.String(60), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        *_recorded(),
        _fk_created("newspaper_delivery"),
        sa.PrimaryKeyConstraint("id", name="pk_newspaper_delivery"),
    )
    op.create_index("ix_newspaper_delivery_day", "newspaper_delivery", ["day", "id"])

    op.create_table(
        "newspaper_copy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(30), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("kept", sa.Boolean(), nullable=False),
        sa.Column("signed_name", sa.String(40), nullable=False),
        sa.Column("collected_at", sa.DateTime(), nullable=True),
        *_recorded(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["delivery_id"], ["newspaper_delivery.id"],
                                name="fk_newspaper_copy_delivery_id_newspaper_delivery"),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"],
                                name="fk_newspaper_copy_household_id_household"),
        _fk_created("newspaper_copy"),
        sa.PrimaryKeyConstraint("id", name="pk_newspaper_copy"),
    )
    op.create_index("ix_newspaper_copy_delivery_id", "newspaper_copy", ["delivery_id"])
    op.create_index("ix_newspaper_copy_kept", "newspaper_copy", ["kept", "delivery_id"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for stmt in search_index.drop_statements("mail_item"):
            op.execute(stmt)
    for table in ("newspaper_copy", "newspaper_delivery", "mail_item", "mail_return",
                  "mail_pickup", "mail_notice"):
        op.drop_table(table)
