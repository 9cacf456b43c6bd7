"""Secondary suppression across the whole published set: sexes, nested periods and organisational units.

The model. One definition's published counts (for a share the numerator and the complement, denominator −
numerator; for a mean the rows; for a count the persons) are sums of *atoms*: the counts of one time
segment (the pieces the published windows cut the year into: January–April, May–June, …), one unit's own
rows (a unit minus its sub-units) and one sex (men, women, unknown). A published cell — a window, a unit
or the whole selection, total, men or women — is the sum of its atoms. The unknown-sex cells are never
shown.

What a reader can do is linear algebra on the published cells, plus knowing that no count is negative.
So, for the cells the policy publishes together, the pattern is accepted only when

1. no combination of atoms that the published cells determine exactly — any run of segments, any unit, a
   unit with its parent's own rows (the parent minus the other units), any set of sexes — is a count
   from 1 to threshold − 1 (checked by projecting every such combination on the published cells' span);
2. no suppressed cell is determined exactly by the published ones;
3. no sensitive hidden cell (a suppressed cell or an unknown-sex cell with a count from 1 to threshold − 1,
   or of fewer persons than the threshold) can be narrowed to fewer than `threshold` values by linear
   programming (HiGHS) with the counts non-negative: its integer bounds differ by at least the threshold.

The windows are decided one at a time in the order they end (T1, H1, T2, the year), each with the earlier
ones fixed: a window's pattern depends on its own and earlier data only, so what was published for T1
is what the computation of the whole year says for T1. Cells of the window being decided are suppressed
until the three tests pass: the cell a derivation leans on (or, for a narrow interval, one sharing atoms
with it) with the fewest rows, sex cells before totals. When only earlier, already published cells give a
value away — because the data or the organisation tree changed since — nothing earlier is changed: the
value is reported as *at risk*.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]
from scipy.optimize import linprog  # type: ignore[import-untyped]

from styrkedja.analytics.windows import Window

SHOWN = ("total", "men", "women")
_SEX_ATOMS = {"total": (0, 1, 2), "men": (0,), "women": (1,), "unknown": (2,)}
_SEX_NAMES = ("men", "women", "unknown")
ROOT = ""
# No count is above this: it keeps the linear programmes bounded where nothing above a cell is shown (such
# a cell's bounds are then 0 and the cap: wide open).
_CAP = 1e9  # the selection as a whole (all rows asked for): the top of the tree
Vector = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Counts:
    """One cell's counts: distinct persons (exact below the threshold), rows, and the protected parts."""

    persons: int
    rows: int
    parts: tuple[float, ...]

    def sensitive(self, threshold: int) -> bool:
        return 0 < self.persons < threshold or any(0.5 <= p < threshold - 0.5 for p in self.parts)


CellKey = tuple[str, str, str]  # (window code, node, sex: total, men, women, unknown)


@dataclass
class Table:
    """One definition's cells over the published set."""

    name: str
    windows: Sequence[Window]
    parents: Mapping[str, str | None]  # node → parent; ROOT → None
    cells: Mapping[CellKey, Counts]
    fixed: Mapping[tuple[str, str], Iterable[str]] = field(default_factory=dict)  # already published


@dataclass
class Protection:
    # (table, window, node) → the suppressed cells
    suppressed: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)
    at_risk: list[str] = field(default_factory=list)
    audited_lp: int = 0  # hidden cells whose bounds were computed by linear programming


def primary(cells: Mapping[str, Counts], threshold: int) -> set[str]:
    """Within one window and unit: every sensitive shown cell, and what keeps total = men + women + unknown
    from giving one back (the smaller of men and women by rows; see disclosure.py)."""
    hidden = {name for name in SHOWN if cells[name].sensitive(threshold)}
    smaller = min(("men", "women"), key=lambda n: (cells[n].rows, n))
    if len(hidden) == 1:
        candidates = [n for n in ("men", "women") if n not in hidden]
        hidden.add(min(candidates, key=lambda n: (cells[n].rows, n)))
    if not hidden and cells["unknown"].sensitive(threshold):
        hidden.add(smaller)
    return hidden


def _components(windows: Sequence[Window]) -> list[list[Window]]:
    """Windows that overlap, directly or through others: only they can be subtracted from each other."""
    out: list[list[Window]] = []
    end: dt.date | None = None
    for window in sorted(windows, key=lambda w: (w.start, w.end, w.code)):
        if end is None or window.start > end:
            out.append([])
            end = window.end
        out[-1].append(window)
        end = max(end, window.end)
    return out


_COMBOS: dict[object, tuple[Vector, list[str]]] = {}


class System:
    """One definition's windows that overlap, with every unit: the published cells as rows over atoms."""

    def __init__(self, table: Table, windows: list[Window], threshold: int, protection: Protection):
        self.table, self.threshold, self.protection = table, threshold, protection
        fixed = {w for (w, _), _ in table.fixed.items()}
        self.order = sorted(windows, key=lambda w: (w.code not in fixed, w.end, w.start, w.code))
        bounds = sorted({w.start for w in windows} | {w.end + dt.timedelta(days=1) for w in windows})
        segments = list(itertools.pairwise(bounds))
        self.segments = {
            w.code: [i for i, (a, b) in enumerate(segments) if w.start <= a and b <= w.end + dt.timedelta(1)]
            for w in windows
        }
        self.nodes = list(table.parents)
        self.children: dict[str, list[str]] = {n: [] for n in self.nodes}
        for node, parent in table.parents.items():
            if parent is not None:
                self.children[parent].append(node)
        self.size = (len(segments), len(self.nodes), 3)
        self.parts = len(next(iter(table.cells.values())).parts)
        self.suppressed: dict[tuple[str, str], set[str]] = {}
        self.decided: list[Window] = []
        self.accepted: set[object] = set()
        self._vectors: dict[CellKey, Vector] = {}
        shape = (len(segments), tuple(table.parents.items()))
        if shape not in _COMBOS:  # every definition of a run has the same windows and units
            _COMBOS.clear()
            _COMBOS[shape] = self._combos(len(segments))
        self.combos = _COMBOS[shape]

    # --- vectors over atoms ------------------------------------------------------------------------------

    def subtree(self, node: str) -> list[int]:
        out, level = [node], [node]
        while level:
            level = [c for n in level for c in self.children[n]]
            out.extend(level)
        return [self.nodes.index(n) for n in out]

    def vector(self, segments: Iterable[int], leaves: Iterable[int], sexes: Iterable[int]) -> Vector:
        v = np.zeros(self.size)
        v[np.ix_(list(segments), list(leaves), list(sexes))] = 1.0
        return v.reshape(-1)

    def cell_vector(self, key: CellKey) -> Vector:
        found = self._vectors.get(key)
        if found is None:
            window, node, sex = key
            found = self._vectors[key] = self.vector(
                self.segments[window], self.subtree(node), _SEX_ATOMS[sex]
            )
        return found

    def _combos(self, n_segments: int) -> tuple[Vector, list[str]]:
        orgs: dict[tuple[int, ...], str] = {}
        for node in self.nodes:
            orgs.setdefault(tuple(self.subtree(node)), node or "all")
            orgs.setdefault((self.nodes.index(node),), f"{node or 'all'} (own rows)")
            parent = self.table.parents[node]
            if parent is not None:
                orgs.setdefault(
                    tuple(sorted([*self.subtree(node), self.nodes.index(parent)])),
                    f"{parent or 'all'} without its other units",
                )
        sexes = [s for r in (1, 2, 3) for s in itertools.combinations(range(3), r)]
        vectors, names = [], []
        for i in range(n_segments):
            for j in range(i, n_segments):
                for leaves, org in orgs.items():
                    for sex in sexes:
                        vectors.append(self.vector(range(i, j + 1), leaves, sex))
                        names.append(
                            f"{org}, {'+'.join(_SEX_NAMES[s] for s in sex)}, segments {i + 1}–{j + 1}"
                        )
        return np.array(vectors), names

    # --- the published cells ----------------------------------------------------------------------------

    def shown(self) -> list[CellKey]:
        return [
            (w.code, node, sex)
            for w in self.decided
            for node in self.nodes
            for sex in SHOWN
            if sex not in self.suppressed[(w.code, node)]
        ]

    def hidden(self) -> list[CellKey]:
        return [
            (w.code, node, sex)
            for w in self.decided
            for node in self.nodes
            for sex in (*SHOWN, "unknown")
            if sex == "unknown" or sex in self.suppressed[(w.code, node)]
        ]

    def matrix(self, keys: list[CellKey]) -> tuple[Vector, Vector]:
        n = int(np.prod(self.size))
        rows = np.array([self.cell_vector(k) for k in keys]) if keys else np.zeros((0, n))
        values = np.array([self.table.cells[k].parts for k in keys]).reshape(len(keys), self.parts)
        return rows, values

    # --- deciding one window ----------------------------------------------------------------------------

    def start(self, window: Window) -> None:
        self.decided.append(window)
        fixed = self.table.fixed
        for node in self.nodes:
            key = (window.code, node)
            if key in fixed:
                self.suppressed[key] = set(fixed[key])
            else:
                cells = {s: self.table.cells[(window.code, node, s)] for s in (*SHOWN, "unknown")}
                self.suppressed[key] = primary(cells, self.threshold)

    def _candidates(self, window: Window, keys: Iterable[CellKey]) -> CellKey | None:
        if window.code in {w for (w, _) in self.table.fixed}:
            return None
        choices = [k for k in keys if k[0] == window.code]
        if not choices:
            return None
        return min(choices, key=lambda k: (self.table.cells[k].rows, k[2] == "total", k[1], k[2]))

    def settle_exact(self, window: Window) -> None:
        """Suppress cells of `window` until no small count or suppressed cell is determined exactly."""
        while True:
            shown = self.shown()
            rows, values = self.matrix(shown)
            hide: set[CellKey] = set()
            for target, _vector, name in self._exact_problems(rows, values, shown):
                weights, _ = target
                leaning = [shown[i] for i in np.flatnonzero(np.abs(weights) > 1e-9)]
                choice = self._candidates(window, leaning)
                if choice is None:
                    self._at_risk(("exact", name), f"{name} is determined by published values", leaning)
                else:
                    hide.add(choice)
            if not hide:
                return
            for w, node, sex in hide:
                self.suppressed[(w, node)].add(sex)

    def _exact_problems(
        self, rows: Vector, values: Vector, shown: list[CellKey]
    ) -> list[tuple[tuple[Vector, Vector], Vector, str]]:
        if not len(shown):
            return []
        u, s, vt = np.linalg.svd(rows, full_matrices=False)
        rank = int((s > 1e-9 * s[0]).sum()) if len(s) else 0
        if rank == 0:
            return []
        u, s, vt = u[:, :rank], s[:rank], vt[:rank]
        hidden = [k for k in self.hidden() if k[2] != "unknown" and self.table.cells[k].rows > 0]
        targets, names = self.combos
        hidden_vectors = np.array([self.cell_vector(k) for k in hidden]).reshape(
            len(hidden), targets.shape[1]
        )
        everything = np.vstack([targets, hidden_vectors])
        coefficients = everything @ vt.T
        residual = np.abs(everything - coefficients @ vt).max(axis=1)
        weights = (coefficients / s) @ u.T  # each target as a combination of the shown cells
        derived = weights @ values
        out = []
        for i in np.flatnonzero(residual < 1e-8):
            if i < len(names):
                small = [v for v in derived[i] if 0.5 <= v < self.threshold - 0.5]
                if not small:
                    continue
                name = f"{self.table.name}: {names[i]} = {round(small[0])}"
            else:
                w, node, sex = hidden[i - len(names)]
                name = f"{self.table.name} {w} {node or 'all'} {sex}"
            key = ("exact", name)
            if key not in self.accepted:
                out.append(((weights[i], derived[i]), everything[i], name))
        return out

    def lp_targets(self) -> list[tuple[Vector, int, CellKey]]:
        """The sensitive hidden cells (per protected part) whose bounds linear programming must give."""
        out: list[tuple[Vector, int, CellKey]] = []
        for key in self.hidden():
            cell = self.table.cells[key]
            if cell.sensitive(self.threshold) and ("lp", key) not in self.accepted:
                vector = self.cell_vector(key)
                # A part that is 0 is not small: a group with nobody failing is shown as such, as in official
                # statistics; the group itself is what stays hidden (its other part is audited).
                out.extend((vector, part, key) for part in range(self.parts) if cell.parts[part] > 0.5)
        return out

    def settle_narrow(self, window: Window, narrow: list[CellKey]) -> bool:
        """Suppress a cell of `window` sharing atoms with each narrow hidden cell; False when none can be."""
        shown = self.shown()
        changed = False
        for key in narrow:
            vector = self.cell_vector(key)
            sharing = [k for k in shown if float(self.cell_vector(k) @ vector) > 0]
            choice = self._candidates(window, sharing)
            name = f"{self.table.name} {key[0]} {key[1] or 'all'} {key[2]}"
            if choice is None:
                self._at_risk(
                    ("lp", key), f"{name} can be narrowed to fewer than {self.threshold} values", sharing
                )
            else:
                self.suppressed[(choice[0], choice[1])].add(choice[2])
                changed = True
        return changed

    def _at_risk(self, key: object, text: str, leaning: Sequence[CellKey]) -> None:
        self.accepted.add(key)
        published = sorted({f"{w} {n or 'all'} {s}" for w, n, s in leaning})
        self.protection.at_risk.append(
            f"{text}; already published values it rests on: {', '.join(published[:8]) or 'none'}"
        )


def lp_bounds(problems: Sequence[tuple[Vector, Vector, Vector]]) -> list[tuple[float, float] | None]:
    """For each (rows, values, target): the least and greatest target·x over x ≥ 0 with rows·x = values,
    all in one linear programme of independent blocks (HiGHS). None where a block has no solution."""
    out: list[tuple[float, float] | None] = [(0.0, np.inf)] * len(problems)  # nothing shown: no bound
    constrained = [i for i, (rows, _, _) in enumerate(problems) if rows.shape[0]]
    for i, bounds in zip(constrained, _lp_bounds([problems[i] for i in constrained]), strict=True):
        out[i] = bounds
    return out


def _lp_bounds(problems: Sequence[tuple[Vector, Vector, Vector]]) -> list[tuple[float, float] | None]:
    if not problems:
        return []
    # One sparse block-diagonal matrix: each problem twice (least, greatest), its variables after the last.
    rows_i, cols_i, data, right, cost = [], [], [], [], []
    row_offset = col_offset = 0
    # Atoms in no shown cell and not in the target change nothing: each block keeps only the others.
    problems = [
        (rows[:, keep], values, target[keep])
        for rows, values, target in problems
        for keep in [np.flatnonzero(rows.any(axis=0) | (target != 0))]
    ]
    for rows, values, target in problems:
        r, c = np.nonzero(rows)
        for sign in (1.0, -1.0):
            rows_i.append(r + row_offset)
            cols_i.append(c + col_offset)
            data.append(rows[r, c])
            right.append(values)
            cost.append(sign * target)
            row_offset += rows.shape[0]
            col_offset += rows.shape[1]
    matrix = sparse.csr_matrix(
        (np.concatenate(data), (np.concatenate(rows_i), np.concatenate(cols_i))),
        shape=(row_offset, col_offset),
    )
    result = linprog(
        np.concatenate(cost), A_eq=matrix, b_eq=np.concatenate(right), bounds=(0, _CAP), method="highs"
    )
    if result.status != 0:
        return [_single(rows, values, target) for rows, values, target in problems]
    out: list[tuple[float, float] | None] = []
    offset = 0
    for rows, _, target in problems:
        n = rows.shape[1]
        low = float(target @ result.x[offset : offset + n])
        high = float(target @ result.x[offset + n : offset + 2 * n])
        out.append((low, high))
        offset += 2 * n
    return out


def _single(rows: Vector, values: Vector, target: Vector) -> tuple[float, float] | None:
    found = []
    for sign in (1.0, -1.0):
        result = linprog(sign * target, A_eq=rows, b_eq=values, bounds=(0, _CAP), method="highs")
        if result.status != 0:
            return None
        found.append(sign * float(result.fun))
    return found[0], found[1]


def integer_width(bounds: tuple[float, float]) -> float:
    low, high = bounds
    if not np.isfinite(high):
        return np.inf
    return float(np.floor(high + 1e-6) - np.ceil(low - 1e-6))


def protect(tables: Sequence[Table], threshold: int) -> Protection:
    """The suppression pattern of every table, decided window by window in the order they end."""
    protection = Protection()
    systems = [
        System(table, component, threshold, protection)
        for table in tables
        for component in _components(table.windows)
    ]
    for step in range(max((len(s.order) for s in systems), default=0)):
        active = [s for s in systems if step < len(s.order)]
        for system in active:
            system.start(system.order[step])
            system.settle_exact(system.order[step])
        # More suppression only widens the bounds: after the first round, only what was narrow is audited again.
        recheck: dict[int, set[CellKey]] | None = None
        while active:
            problems, owners = [], []
            for system in active:
                shown = system.shown()
                rows, values = system.matrix(shown)
                for vector, part, key in system.lp_targets():
                    if recheck is None or key in recheck.get(id(system), set()):
                        problems.append((rows, values[:, part], vector))
                        owners.append((system, key))
            protection.audited_lp += len(problems)
            narrow: dict[int, list[CellKey]] = {}
            for (system, key), bounds in zip(owners, lp_bounds(problems), strict=True):
                if bounds is None:
                    system._at_risk(("lp", key), f"{system.table.name} {key}: could not be audited", [])
                elif integer_width(bounds) < threshold:
                    found = narrow.setdefault(id(system), [])
                    if key not in found:
                        found.append(key)
            changed = []
            for system in active:
                window = system.order[step]
                if id(system) in narrow and system.settle_narrow(window, narrow[id(system)]):
                    system.settle_exact(window)
                    changed.append(system)
            active = changed
            recheck = {k: set(v) for k, v in narrow.items()}
    for system in systems:
        for (code, node), hidden in system.suppressed.items():
            protection.suppressed[(system.table.name, code, node)] = [s for s in SHOWN if s in hidden]
    return protection
