"""messaging: staff notes (chat_message.internal), seen by body staff only

Revision ID: b16e0a4c7d21
Revises: a9d3c1e7b402
Create Date: 2026-11-30 18:25:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b16e0a4c7d21'
down_revision = 'a9d3c1e7b402'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('chat_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('internal', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('chat_message', schema=None) as batch_op:
        batch_op.drop_column('internal')
