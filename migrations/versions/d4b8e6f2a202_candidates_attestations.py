"""candidates: attestations with their verification codes

Revision ID: d4b8e6f2a202
Revises: c3a9d5e7f101
Create Date: 2026-11-30 15:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'd4b8e6f2a202'
down_revision = 'c3a9d5e7f101'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'attestation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('centre_id', sa.Integer(), nullable=False),
        sa.Column('registration_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=32), nullable=False),
        sa.Column('issued_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.Column('revoked_reason', sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(['centre_id'], ['centre.id']),
        sa.ForeignKeyConstraint(['registration_id'], ['registration.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code'),
        sa.UniqueConstraint('registration_id'),
    )
    with op.batch_alter_table('attestation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attestation_centre_id'), ['centre_id'], unique=False)


def downgrade():
    with op.batch_alter_table('attestation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attestation_centre_id'))
    op.drop_table('attestation')
