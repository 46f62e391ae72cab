"""keys: the key cabinet — keys, loans, emergencies, lock changes, handovers, events

Revision ID: 0004_keys
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

from wuye_desk.store import search_index

revision = "0004_keys"
down_revision = "0001_foundation"
branch_labels = ("keys",)
depends_on = None


def upgrade() -> None:
    op.create_table('key_handover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('from_keeper', sa.String(length=40), nullable=False),
    sa.Column('to_keeper', sa.String(length=40), nullable=False),
    sa.Column('expected', sa.Integer(), nullable=False),
    sa.Column('counted', sa.Integer(), nullable=False),
    sa.Column('discrepancies', sa.Integer(), nullable=False),
    sa.Column('signed_off', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['operator.id'], name=op.f('fk_key_handover_created_by_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_handover'))
    )
    op.create_index(op.f('ix_key_handover_at'), 'key_handover', ['at'], unique=False)
    op.create_table('cabinet_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slot', sa.String(length=12), nullable=False),
    sa.Column('held_slot', sa.String(length=12), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('unit_code', sa.String(length=30), nullable=True),
    sa.Column('household_id', sa.Integer(), nullable=True),
    sa.Column('key_count', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=100), nullable=False),
    sa.Column('condition', sa.String(length=100), nullable=False),
    sa.Column('entrusted_at', sa.DateTime(), nullable=False),
    sa.Column('depositor_name', sa.String(length=40), nullable=False),
    sa.Column('depositor_id_type', sa.String(length=20), nullable=False),
    sa.Column('depositor_id_number', sa.String(length=40), nullable=False),
    sa.Column('depositor_phone', sa.String(length=30), nullable=False),
    sa.Column('id_checked_by', sa.String(length=40), nullable=False),
    sa.Column('keeper', sa.String(length=40), nullable=False),
    sa.Column('owner_consent', sa.String(length=200), nullable=False),
    sa.Column('copy_permission', sa.String(length=200), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['operator.id'], name=op.f('fk_cabinet_key_created_by_operator')),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_cabinet_key_household_id_household')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cabinet_key')),
    sa.UniqueConstraint('held_slot', name=op.f('uq_cabinet_key_held_slot'))
    )
    op.create_index(op.f('ix_cabinet_key_household_id'), 'cabinet_key', ['household_id'], unique=False)
    op.create_index('ix_cabinet_key_status_slot', 'cabinet_key', ['status', 'slot', 'id'], unique=False)
    op.create_index(op.f('ix_cabinet_key_unit_code'), 'cabinet_key', ['unit_code'], unique=False)
    op.create_table('key_emergency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_id', sa.Integer(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.String(length=10), nullable=False),
    sa.Column('detail', sa.String(length=200), nullable=False),
    sa.Column('told_whom', sa.String(length=10), nullable=False),
    sa.Column('told_name', sa.String(length=40), nullable=False),
    sa.Column('told_phone', sa.String(length=30), nullable=False),
    sa.Column('told_at', sa.DateTime(), nullable=False),
    sa.Column('told_how', sa.String(length=10), nullable=False),
    sa.Column('owner_unreachable', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['operator.id'], name=op.f('fk_key_emergency_created_by_operator')),
    sa.ForeignKeyConstraint(['key_id'], ['cabinet_key.id'], name=op.f('fk_key_emergency_key_id_cabinet_key')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_emergency'))
    )
    op.create_index(op.f('ix_key_emergency_key_id'), 'key_emergency', ['key_id'], unique=False)
    op.create_index(op.f('ix_key_emergency_used_at'), 'key_emergency', ['used_at'], unique=False)
    op.create_table('key_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('operator_name', sa.String(length=40), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['corrects_id'], ['key_event.id'], name=op.f('fk_key_event_corrects_id_key_event')),
    sa.ForeignKeyConstraint(['key_id'], ['cabinet_key.id'], name=op.f('fk_key_event_key_id_cabinet_key')),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], name=op.f('fk_key_event_operator_id_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_event'))
    )
    op.create_index('ix_key_event_key_at', 'key_event', ['key_id', 'at', 'id'], unique=False)
    op.create_index('ix_key_event_kind_at', 'key_event', ['kind', 'at'], unique=False)
    op.create_table('key_handover_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('slot', sa.String(length=12), nullable=False),
    sa.Column('key_id', sa.Integer(), nullable=True),
    sa.Column('expected', sa.String(length=100), nullable=False),
    sa.Column('result', sa.String(length=10), nullable=False),
    sa.Column('discrepancy', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['handover_id'], ['key_handover.id'],
                            name=op.f('fk_key_handover_item_handover_id_key_handover')),
    sa.ForeignKeyConstraint(['key_id'], ['cabinet_key.id'], name=op.f('fk_key_handover_item_key_id_cabinet_key')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_handover_item'))
    )
    op.create_index(op.f('ix_key_handover_item_handover_id'), 'key_handover_item', ['handover_id'], unique=False)
    op.create_table('key_loan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_id', sa.Integer(), nullable=False),
    sa.Column('borrower_kind', sa.String(length=10), nullable=False),
    sa.Column('borrower_name', sa.String(length=40), nullable=False),
    sa.Column('borrower_company', sa.String(length=100), nullable=False),
    sa.Column('borrower_id_type', sa.String(length=20), nullable=False),
    sa.Column('borrower_id_number', sa.String(length=40), nullable=False),
    sa.Column('borrower_phone', sa.String(length=30), nullable=False),
    sa.Column('purpose', sa.String(length=100), nullable=False),
    sa.Column('repair_works', sa.Boolean(), nullable=False),
    sa.Column('unhanded', sa.Boolean(), nullable=False),
    sa.Column('approved_by', sa.Integer(), nullable=False),
    sa.Column('approver_name', sa.String(length=40), nullable=False),
    sa.Column('out_at', sa.DateTime(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('deadline', sa.DateTime(), nullable=False),
    sa.Column('returned_at', sa.DateTime(), nullable=True),
    sa.Column('received_by', sa.String(length=40), nullable=False),
    sa.Column('return_condition', sa.String(length=100), nullable=False),
    sa.Column('returned_late', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by'], ['operator.id'], name=op.f('fk_key_loan_approved_by_operator')),
    sa.ForeignKeyConstraint(['created_by'], ['operator.id'], name=op.f('fk_key_loan_created_by_operator')),
    sa.ForeignKeyConstraint(['key_id'], ['cabinet_key.id'], name=op.f('fk_key_loan_key_id_cabinet_key')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_loan'))
    )
    op.create_index(op.f('ix_key_loan_key_id'), 'key_loan', ['key_id'], unique=False)
    op.create_index('ix_key_loan_open', 'key_loan', ['returned_at', 'out_at', 'id'], unique=False)
    op.create_index('ix_key_loan_out', 'key_loan', ['out_at', 'id'], unique=False)
    op.create_table('lock_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('old_key_id', sa.Integer(), nullable=False),
    sa.Column('new_key_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('handed_at', sa.DateTime(), nullable=True),
    sa.Column('duty_manager_id', sa.Integer(), nullable=True),
    sa.Column('duty_manager_name', sa.String(length=40), nullable=False),
    sa.Column('sealed', sa.Boolean(), nullable=False),
    sa.Column('handed_late', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['operator.id'], name=op.f('fk_lock_change_created_by_operator')),
    sa.ForeignKeyConstraint(['duty_manager_id'], ['operator.id'], name=op.f('fk_lock_change_duty_manager_id_operator')),
    sa.ForeignKeyConstraint(['new_key_id'], ['cabinet_key.id'], name=op.f('fk_lock_change_new_key_id_cabinet_key')),
    sa.ForeignKeyConstraint(['old_key_id'], ['cabinet_key.id'], name=op.f('fk_lock_change_old_key_id_cabinet_key')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lock_change'))
    )
    op.create_index(op.f('ix_lock_change_old_key_id'), 'lock_change', ['old_key_id'], unique=False)
    op.create_index('ix_lock_change_open', 'lock_change', ['handed_at', 'due_at'], unique=False)
    if op.get_bind().dialect.name == "sqlite":  # the list's search box
        for stmt in search_index.create_statements("cabinet_key"):
            op.execute(stmt)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for stmt in search_index.drop_statements("cabinet_key"):
            op.execute(stmt)
    for table in ("key_event", "key_handover_item", "key_handover", "lock_change",
                  "key_emergency", "key_loan", "cabinet_key"):
        op.drop_table(table)
