"""messaging: canned replies

Revision ID: 172becb93e4c
Revises: 7b2e4d6f8a90
Create Date: 2026-11-30 16:01:51.720535

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '172becb93e4c'
down_revision = '7b2e4d6f8a90'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('canned_reply',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shortcut', sa.String(length=40), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('shortcut', 'language')
    )


def downgrade():
    op.drop_table('canned_reply')
