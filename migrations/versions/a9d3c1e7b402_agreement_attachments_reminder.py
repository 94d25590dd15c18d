"""agreements: the centre's attached documents, the renewal reminder's date

Revision ID: a9d3c1e7b402
Revises: 172becb93e4c
Create Date: 2026-11-30 16:55:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a9d3c1e7b402'
down_revision = '172becb93e4c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agreement_attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('stored_name', sa.String(length=300), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['ab_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agreement_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_attachment_agreement_id'),
                              ['agreement_id'], unique=False)
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('renewal_reminded_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_column('renewal_reminded_at')
    with op.batch_alter_table('agreement_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_attachment_agreement_id'))
    op.drop_table('agreement_attachment')
