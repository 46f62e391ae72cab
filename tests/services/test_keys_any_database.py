"""The key cabinet on SQLite and on PostgreSQL (rules K2, K3, K7, K8)."""

from datetime import datetime

from tests.conftest import make_operator
from tests.services.key_helpers import add_household, key_input, loan_input
from wuye_desk.domain.operators import Role
from wuye_desk.services import key_figures, keys
from wuye_desk.services.desk import Desk
from wuye_desk.services.keys import HandoverInput, SlotState


def test_K3_lend_overdue_return_and_the_list_on_any_database(any_desk, clock):
    manager = make_operator(any_desk.db, "chen", "陈经理", Role.MANAGER)
    add_household(any_desk)
    add_household(any_desk, "3栋2单元1503")
    a = keys.take_in(any_desk, key_input(slot="A-100")).key_id
    b = keys.take_in(any_desk, key_input(unit="3栋2单元1503", slot="A-9",
                                         depositor_name="李四")).key_id
    assert [r.id for r in keys.list_query(any_desk).page().rows] == [b, a]
    assert [r.id for r in keys.list_query(any_desk, "李四").page().rows] == [b]
    keys.lend(any_desk, a, loan_input(Desk(any_desk.db, manager)))
    clock.set(datetime(2026, 11, 18, 18, 45))
    assert [r.id for r in keys.list_query(any_desk, view="超时未还").page().rows] == [a]
    cell = next(c for c in keys.cabinet(any_desk) if c.key_id == a)
    assert cell.state is SlotState.OVERDUE and cell.late == "45分钟"
    assert keys.return_key(any_desk, a).late is not None
    f = key_figures.month_figures(any_desk, 2026, 11)
    assert (f.lendings, f.overdue_returns, f.taken_in, f.in_custody) == (1, 1, 2, 2)


def test_K7_handover_on_any_database(any_desk):
    add_household(any_desk)
    keys.take_in(any_desk, key_input(slot="A-01"))
    done = keys.record_handover(any_desk, HandoverInput("李小梅", "王芳", absent=["A-01"],
                                                        signed_off=True))
    assert done.counted == 0 and len(done.discrepancies) == 1
    assert keys.current_keeper(any_desk) == "王芳"
