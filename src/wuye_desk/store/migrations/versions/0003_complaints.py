"""complaints: complaints, their history, notification duties, return visits

Revision ID: 0003_complaints
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

from wuye_desk.store import search_index

revision = "0003_complaints"
down_revision = "0001_foundation"
branch_labels = ("complaints",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=20), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("complainant_kind", sa.String(length=10), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("unit_code", sa.String(length=30), nullable=True),
        sa.Column("building", sa.String(length=10), nullable=True),
        sa.Column("complainant_name", sa.String(length=40), nullable=False),
        sa.Column("complainant_phone", sa.String(length=30), nullable=False),
        sa.Column("content_type", sa.String(length=10), nullable=False),
        sa.Column("subtopic", sa.String(length=10), nullable=False),
        sa.Column("resp_class", sa.String(length=10), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("litigation", sa.Boolean(), nullable=False),
        sa.Column("media", sa.Boolean(), nullable=False),
        sa.Column("risk", sa.Boolean(), nullable=False),
        sa.Column("compensation", sa.Boolean(), nullable=False),
        sa.Column("needs_help", sa.Boolean(), nullable=False),
        sa.Column("office_fault", sa.Boolean(), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("proposed_severity", sa.String(length=10), nullable=False),
        sa.Column("severity_reason", sa.String(length=300), nullable=False),
        sa.Column("handler", sa.String(length=40), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=True),
        sa.Column("repeat_of_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("next_due", sa.DateTime(), nullable=True),
        sa.Column("contact_due", sa.DateTime(), nullable=False),
        sa.Column("contacted_at", sa.DateTime(), nullable=True),
        sa.Column("escalate_due", sa.DateTime(), nullable=True),
        sa.Column("escalated_at", sa.DateTime(), nullable=True),
        sa.Column("answer_due", sa.DateTime(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("fix_due", sa.DateTime(), nullable=False),
        sa.Column("fixed_at", sa.DateTime(), nullable=True),
        sa.Column("told_at", sa.DateTime(), nullable=True),
        sa.Column("visit_due", sa.DateTime(), nullable=True),
        sa.Column("visited_at", sa.DateTime(), nullable=True),
        sa.Column("satisfaction", sa.String(length=1), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("invalid_reason", sa.Text(), nullable=False),
        sa.Column("follow_ups", sa.Integer(), nullable=False),
        sa.Column("case_library", sa.Boolean(), nullable=False),
        sa.Column("recurring", sa.Boolean(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["operator.id"], name="fk_complaint_created_by_operator"),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"], name="fk_complaint_household_id_household"),
        sa.ForeignKeyConstraint(["repeat_of_id"], ["complaint.id"], name="fk_complaint_repeat_of_id_complaint"),
        sa.PrimaryKeyConstraint("id", name="pk_complaint"),
        sa.UniqueConstraint("serial", name="uq_complaint_serial"),
    )
    op.create_index("ix_complaint_household_id", "complaint", ["household_id"], unique=False)
    op.create_index("ix_complaint_matter_id", "complaint", ["matter_id"], unique=False)
    op.create_index(
        "ix_complaint_matter_lookup", "complaint", ["building", "content_type", "subtopic", "received_at"], unique=False
    )
    op.create_index("ix_complaint_open_due", "complaint", ["is_open", "next_due", "id"], unique=False)
    op.create_index("ix_complaint_received", "complaint", ["received_at", "id"], unique=False)
    op.create_index("ix_complaint_state_received", "complaint", ["state", "received_at", "id"], unique=False)
    op.create_index("ix_complaint_severity_received", "complaint", ["severity", "received_at", "id"], unique=False)
    op.create_table(
        "complaint_duty",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.String(length=100), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("done_by", sa.String(length=40), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaint.id"], name="fk_complaint_duty_complaint_id_complaint"),
        sa.PrimaryKeyConstraint("id", name="pk_complaint_duty"),
    )
    op.create_index("ix_complaint_duty_complaint_id", "complaint_duty", ["complaint_id"], unique=False)
    op.create_index("ix_complaint_duty_open", "complaint_duty", ["done_at", "due_at"], unique=False)
    op.create_table(
        "complaint_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("step", sa.String(length=20), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("operator_name", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("state_after", sa.String(length=10), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaint.id"], name="fk_complaint_event_complaint_id_complaint"),
        sa.ForeignKeyConstraint(
            ["corrects_id"], ["complaint_event.id"], name="fk_complaint_event_corrects_id_complaint_event"
        ),
        sa.ForeignKeyConstraint(["operator_id"], ["operator.id"], name="fk_complaint_event_operator_id_operator"),
        sa.PrimaryKeyConstraint("id", name="pk_complaint_event"),
    )
    op.create_index("ix_complaint_event_complaint", "complaint_event", ["complaint_id", "id"], unique=False)
    op.create_table(
        "return_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("visited_at", sa.DateTime(), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("visitor_name", sa.String(length=40), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("satisfaction", sa.String(length=1), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaint.id"], name="fk_return_visit_complaint_id_complaint"),
        sa.ForeignKeyConstraint(["created_by"], ["operator.id"], name="fk_return_visit_created_by_operator"),
        sa.PrimaryKeyConstraint("id", name="pk_return_visit"),
    )
    op.create_index("ix_return_visit_at", "return_visit", ["visited_at", "id"], unique=False)
    op.create_index("ix_return_visit_complaint_id", "return_visit", ["complaint_id"], unique=False)
    if op.get_bind().dialect.name == "sqlite":  # the search box's full-text index
        for stmt in search_index.create_statements("complaint"):
            op.execute(stmt)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for stmt in search_index.drop_statements("complaint"):
            op.execute(stmt)
    for table in ("return_visit", "complaint_event", "complaint_duty", "complaint"):
        op.drop_table(table)
