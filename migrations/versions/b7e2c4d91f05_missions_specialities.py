"""missions: specialities under an exam, épreuve-options under a speciality, the mission's
speciality as a reference row (its former text becomes a speciality of the mission's exam)

Revision ID: b7e2c4d91f05
Revises: e2b6f4a8c913
Create Date: 2026-11-30 18:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7e2c4d91f05'
down_revision = 'e2b6f4a8c913'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('speciality',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('product_id', 'code')
    )
    with op.batch_alter_table('speciality', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_speciality_product_id'), ['product_id'],
                              unique=False)
    # Plain ALTER TABLEs: a batch would copy and drop these tables, which SQLite refuses
    # (foreign keys on) once rows of other tables refer to them.
    _add_reference('test_component', 'fk_test_component_speciality_id_speciality')
    op.create_index(op.f('ix_test_component_speciality_id'), 'test_component',
                    ['speciality_id'], unique=False)
    _add_reference('mission', 'fk_mission_speciality_id_speciality')
    _specialities_from_text()
    op.drop_column('mission', 'speciality')


def _add_reference(table, name):
    """speciality_id on `table`, referring to speciality (SQLite: in the column's definition)."""
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE {table} ADD COLUMN speciality_id INTEGER '
                   'REFERENCES speciality (id)')
        return
    op.add_column(table, sa.Column('speciality_id', sa.Integer(), nullable=True))
    op.create_foreign_key(name, table, 'speciality', ['speciality_id'], ['id'])


def _specialities_from_text():
    """Each distinct (exam, speciality text) of the missions becomes a speciality row."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT DISTINCT product_id, speciality FROM mission WHERE speciality IS NOT NULL "
        "AND speciality <> ''")).fetchall()
    for number, (product_id, text) in enumerate(rows, start=1):
        code, _, label = text.partition(" - ")
        code, label = (code[:32], label) if label else (f"SP{number}", text)
        bind.execute(sa.text(
            "INSERT INTO speciality (product_id, code, label, version) "
            "VALUES (:p, :c, :l, 1)"), {"p": product_id, "c": code, "l": label[:200]})
        speciality_id = bind.execute(sa.text(
            "SELECT id FROM speciality WHERE product_id = :p AND code = :c"),
            {"p": product_id, "c": code}).scalar()
        bind.execute(sa.text(
            "UPDATE mission SET speciality_id = :s WHERE product_id = :p AND speciality = :t"),
            {"s": speciality_id, "p": product_id, "t": text})


def downgrade():
    with op.batch_alter_table('mission', schema=None) as batch_op:
        batch_op.add_column(sa.Column('speciality', sa.String(length=120), nullable=True))
    op.execute("UPDATE mission SET speciality = (SELECT speciality.code || ' - ' || "
               "speciality.label FROM speciality WHERE speciality.id = mission.speciality_id)")
    with op.batch_alter_table('mission', schema=None) as batch_op:
        batch_op.drop_constraint('fk_mission_speciality_id_speciality', type_='foreignkey')
        batch_op.drop_column('speciality_id')
    with op.batch_alter_table('test_component', schema=None) as batch_op:
        batch_op.drop_constraint('fk_test_component_speciality_id_speciality',
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_test_component_speciality_id'))
        batch_op.drop_column('speciality_id')
    with op.batch_alter_table('speciality', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_speciality_product_id'))
    op.drop_table('speciality')
