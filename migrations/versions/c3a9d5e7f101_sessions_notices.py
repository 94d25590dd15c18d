"""sessions: the scheduler's notices to centres (one per session and kind)

Revision ID: c3a9d5e7f101
Revises: 5a3c1f0e7d21
Create Date: 2026-11-30 15:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c3a9d5e7f101'
down_revision = '5a3c1f0e7d21'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'session_notice',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('centre_id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('REGISTRATIONS_CLOSED', 'SESSION_HELD', 'UNDERFILLED', 'FULL',
                                  name='noticekind', native_enum=False, length=32),
                  nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['centre_id'], ['centre.id']),
        sa.ForeignKeyConstraint(['session_id'], ['exam_session.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('session_id', 'kind'),
    )
    with op.batch_alter_table('session_notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_notice_centre_id'), ['centre_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_session_notice_session_id'), ['session_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('session_notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_notice_session_id'))
        batch_op.drop_index(batch_op.f('ix_session_notice_centre_id'))
    op.drop_table('session_notice')
