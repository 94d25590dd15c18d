"""centres: the programmes a centre runs (language tests, CIMA, Le Robert, exam missions)

Revision ID: b7c41e2d9a10
Revises: ae17ea566a14
Create Date: 2026-11-30 13:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'b7c41e2d9a10'
down_revision = 'ae17ea566a14'
branch_labels = None
depends_on = None

COLUMNS = ('runs_language_tests', 'runs_cima', 'runs_le_robert', 'runs_missions')


def upgrade():
    # Every existing centre keeps every menu until it declares its programmes.
    with op.batch_alter_table('centre', schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Boolean(), server_default=sa.true(),
                                          nullable=False))


def downgrade():
    with op.batch_alter_table('centre', schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
