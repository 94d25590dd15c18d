"""missions: the outbox keeps each message's attachments and what it is about

Revision ID: 5e1c0a7d2b34
Revises: d4b8e6f2a202
Create Date: 2026-11-30 15:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e1c0a7d2b34'
down_revision = 'd4b8e6f2a202'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_email', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reference', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('resent_from_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_email_reference'), ['reference'],
                              unique=False)
        batch_op.create_foreign_key('fk_outbox_email_resent_from_id_outbox_email',
                                    'outbox_email', ['resent_from_id'], ['id'])
    op.create_table('outbox_attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['email_id'], ['outbox_email.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outbox_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_attachment_email_id'), ['email_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('outbox_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_attachment_email_id'))
    op.drop_table('outbox_attachment')
    with op.batch_alter_table('outbox_email', schema=None) as batch_op:
        batch_op.drop_constraint('fk_outbox_email_resent_from_id_outbox_email',
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_outbox_email_reference'))
        batch_op.drop_column('resent_from_id')
        batch_op.drop_column('reference')
