"""requests: the request's conversation becomes a relation (conversation_id), not a typed address

Existing addresses of the form .../chat/conversation/<id> are mapped to that conversation when
it exists and belongs to the request's centre; every other address (foreign, javascript:, any
other site) is dropped with the column.

Revision ID: c3d5e7f9a112
Revises: b7c41e2d9a10
Create Date: 2026-11-30 15:30:00

"""
import re

from alembic import op
import sqlalchemy as sa


revision = 'c3d5e7f9a112'
down_revision = 'b7c41e2d9a10'
branch_labels = None
depends_on = None

CHAT_ADDRESS = re.compile(r'^(?:https?://[^/\s]+)?/chat/conversation/(\d+)/?(?:[?#].*)?$')

exam_request = sa.table('exam_request', sa.column('id', sa.Integer),
                        sa.column('centre_id', sa.Integer),
                        sa.column('conversation_link', sa.String),
                        sa.column('conversation_id', sa.Integer))
conversation = sa.table('conversation', sa.column('id', sa.Integer),
                        sa.column('centre_id', sa.Integer))


def conversation_id_of(link, centre_id, centres_of):
    """The id of the conversation a stored address points to, if it is one of the centre's."""
    match = CHAT_ADDRESS.match((link or '').strip())
    if match is None:
        return None
    target = int(match.group(1))
    return target if centres_of.get(target) == centre_id else None


def upgrade():
    with op.batch_alter_table('exam_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('conversation_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_exam_request_conversation_id'), ['conversation_id'],
                              unique=False)
        batch_op.create_foreign_key('fk_exam_request_conversation_id', 'conversation',
                                    ['conversation_id'], ['id'])
    bind = op.get_bind()
    centres_of = dict(bind.execute(sa.select(conversation.c.id, conversation.c.centre_id)).all())
    rows = bind.execute(sa.select(exam_request.c.id, exam_request.c.centre_id,
                                  exam_request.c.conversation_link)
                        .where(exam_request.c.conversation_link.is_not(None))).all()
    for row_id, centre_id, link in rows:
        target = conversation_id_of(link, centre_id, centres_of)
        if target is not None:
            bind.execute(sa.update(exam_request).where(exam_request.c.id == row_id)
                         .values(conversation_id=target))
    with op.batch_alter_table('exam_request', schema=None) as batch_op:
        batch_op.drop_column('conversation_link')


def downgrade():
    with op.batch_alter_table('exam_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('conversation_link', sa.String(length=300), nullable=True))
    bind = op.get_bind()
    bind.execute(sa.update(exam_request).where(exam_request.c.conversation_id.is_not(None))
                 .values(conversation_link='/chat/conversation/'
                         + sa.cast(exam_request.c.conversation_id, sa.String)))
    with op.batch_alter_table('exam_request', schema=None) as batch_op:
        batch_op.drop_constraint('fk_exam_request_conversation_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_exam_request_conversation_id'))
        batch_op.drop_column('conversation_id')
