"""The template of a printable form: a TOML file in forms/ the office may edit.

`load_template()` reads and checks a template and returns it as frozen
dataclasses; anything wrong (bad TOML, an unknown setting, a missing title, a
table without its data key...) raises ValidationError with a Chinese message
naming the file and the problem, never a traceback. The schema is documented
in forms/README.md.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from wuye_desk import paths
from wuye_desk.domain.errors import ValidationError

# ---------------------------------------------------------------- the schema


@dataclass(frozen=True)
class Field:
    label: str
    key: str | None = None  # None: always blank, filled by hand
    span: int = 1
    lines: int = 1
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldsBlock:
    fields: tuple[Field, ...]
    columns: int = 2
    heading: str | None = None
    label_width: float | None = None  # mm


@dataclass(frozen=True)
class Column:
    label: str
    key: str | None = None
    width: float = 1.0
    align: str = "centre"


@dataclass(frozen=True)
class TableBlock:
    key: str
    columns: tuple[Column, ...]
    heading: str | None = None
    min_rows: int = 0
    numbered: bool = False


@dataclass(frozen=True)
class TextBlock:
    text: str
    heading: str | None = None
    size: str = "body"
    boxed: bool = False


@dataclass(frozen=True)
class SignatureBox:
    label: str
    date: bool = True
    key: str | None = None  # a record key holding a signature signed on screen (PNG)


@dataclass(frozen=True)
class SignaturesBlock:
    boxes: tuple[SignatureBox, ...]
    heading: str | None = None
    height: float = 16.0  # mm of blank space to sign in


Block = FieldsBlock | TableBlock | TextBlock | SignaturesBlock


@dataclass(frozen=True)
class Serial:
    key: str
    label: str = "编号"
    code128: bool = True
    qr: bool = False


@dataclass(frozen=True)
class Part:
    name: str
    blocks: tuple[Block, ...]
    label: str = ""


@dataclass(frozen=True)
class FormTemplate:
    file: str
    title: str
    parts: tuple[Part, ...]  # one unnamed part for an ordinary form
    subtitle: str = ""
    letterhead: bool = True
    serial: Serial | None = None
    footnote: str = ""

    @property
    def is_slip(self) -> bool:
        return len(self.parts) > 1


# ---------------------------------------------------------------- reading

KEY_NAMES = {
    "title": "标题", "subtitle": "副标题", "letterhead": "信头", "serial": "编号",
    "blocks": "栏目", "parts": "联", "footnote": "脚注", "type": "类型",
    "heading": "栏目标题", "columns": "列", "label_width": "名称列宽", "fields": "字段",
    "label": "名称", "key": "数据键", "span": "跨列", "lines": "行数", "choices": "选项",
    "min_rows": "最少行数", "numbered": "序号", "width": "宽度", "align": "对齐",
    "text": "文字", "size": "字号", "boxed": "加框", "boxes": "签名框", "height": "高度",
    "date": "日期行", "code128": "条形码", "qr": "二维码", "name": "联名",
}
BLOCK_TYPES = {"fields": "字段", "table": "表格", "text": "文字", "signatures": "签名"}
_NAME = re.compile(r"[A-Za-z0-9_\-]+")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PLACEHOLDER = re.compile(r"(office\.)?[A-Za-z_][A-Za-z0-9_]*")


def _named(key: str) -> str:
    return f"{key}（{KEY_NAMES[key]}）" if key in KEY_NAMES else key


class _Reader:
    """Checks one template file; every failure names the file and where in it."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, where: str, problem: str) -> NoReturn:
        place = f"{where}：" if where else ""
        raise ValidationError(f"表单模板 {self.file} 有误：{place}{problem}", field="表单模板")

    def table(self, value: object, where: str, allowed: tuple[str, ...],
              required: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            self.fail(where, "应为一组设置（[...] 或 { ... }）")
        for key in value:
            if key not in allowed:
                choices = "、".join(allowed)
                self.fail(where, f"不认识的设置项“{key}”（可用的有：{choices}）")
        for key in required:
            if key not in value:
                self.fail(where, f"缺少必填项 {_named(key)}")
        return dict(value)

    def text(self, data: Mapping[str, Any], key: str, where: str, default: str = "") -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            self.fail(where, f"{_named(key)} 应为文字（两边加英文双引号），实际是 {value!r}")
        if key in ("title", "label", "name") and key in data and not value.strip():
            self.fail(where, f"{_named(key)} 不能为空")
        return value

    def optional_text(self, data: Mapping[str, Any], key: str, where: str) -> str | None:
        return self.text(data, key, where) if key in data else None

    def data_key(self, data: Mapping[str, Any], key: str, where: str) -> str | None:
        if key not in data:
            return None
        value = self.text(data, key, where)
        if not _KEY.fullmatch(value):
            self.fail(where, f"{_named(key)} “{value}”只能用英文字母、数字和下划线，且不以数字开头")
        return value

    def flag(self, data: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.fail(where, f"{_named(key)} 应为 true 或 false，实际是 {value!r}")
        return value

    def integer(self, data: Mapping[str, Any], key: str, where: str, default: int,
                low: int, high: int) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, f"{_named(key)} 应为整数，实际是 {value!r}")
        if not low <= value <= high:
            self.fail(where, f"{_named(key)} 应在 {low} 到 {high} 之间，实际是 {value}")
        return value

    def number(self, data: Mapping[str, Any], key: str, where: str, default: float | None,
               low: float, high: float) -> float | None:
        value = data.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(where, f"{_named(key)} 应为数字，实际是 {value!r}")
        if not low <= value <= high:
            self.fail(where, f"{_named(key)} 应在 {low:g} 到 {high:g} 之间，实际是 {value:g}")
        return float(value)

    def items(self, data: Mapping[str, Any], key: str, where: str) -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list) or not value:
            self.fail(where, f"{_named(key)} 应为至少一项的列表")
        return value

    def wording(self, data: Mapping[str, Any], key: str, where: str) -> str:
        """Text that may hold {placeholders}: check the braces and the names in them."""
        value = self.text(data, key, where)
        try:
            parsed = list(string.Formatter().parse(value))
        except ValueError:
            self.fail(where, f"{_named(key)} 中的花括号不配对"
                             "（要印出花括号本身，请写 {{ 或 }}）")
        for _literal, name, spec, conversion in parsed:
            if name is None:
                continue
            if not _PLACEHOLDER.fullmatch(name) or spec or conversion:
                self.fail(
                    where,
                    f"{_named(key)} 中的占位符“{{{name}}}”写法不对"
                    "（应为 {数据键} 或 {office.name} 这样的形式）",
                )
        return value

    # ------------------------------------------------------------ pieces

    def field(self, value: object, where: str, columns: int) -> Field:
        data = self.table(value, where, ("label", "key", "span", "lines", "choices"), ("label",))
        span = self.integer(data, "span", where, 1, 1, 12)
        if span > columns:
            self.fail(where, f"{_named('span')} 是 {span}，大于本栏目的列数 columns = {columns}")
        choices = data.get("choices", [])
        if not isinstance(choices, list) or not all(isinstance(c, str) and c for c in choices):
            self.fail(where, f"{_named('choices')} 应为文字列表，"
                             "例如 [\"业主\", \"租户\"]")
        return Field(
            label=self.text(data, "label", where),
            key=self.data_key(data, "key", where),
            span=span,
            lines=self.integer(data, "lines", where, 1, 1, 12),
            choices=tuple(choices),
        )

    def column(self, value: object, where: str) -> Column:
        data = self.table(value, where, ("label", "key", "width", "align"), ("label",))
        align = self.text(data, "align", where, "centre")
        if align not in ("left", "centre"):
            self.fail(where, f"{_named('align')} 应为 \"left\"（靠左）或 \"centre\"（居中），"
                             f"实际是 {align!r}")
        return Column(
            label=self.text(data, "label", where),
            key=self.data_key(data, "key", where),
            width=self.number(data, "width", where, 1.0, 0.1, 50) or 1.0,
            align=align,
        )

    def block(self, value: object, where: str) -> Block:
        if not isinstance(value, Mapping):
            self.fail(where, "应为一组设置")
        kind = value.get("type")
        if kind is None:
            self.fail(where, f"缺少必填项 type（类型），可用：{self._block_types()}")
        if kind not in BLOCK_TYPES:
            self.fail(where, f"类型“{kind}”不认识（可用：{self._block_types()}）")
        if kind == "fields":
            data = self.table(value, where, ("type", "heading", "columns", "label_width", "fields"),
                              ("fields",))
            columns = self.integer(data, "columns", where, 2, 1, 6)
            fields = self.items(data, "fields", where)
            return FieldsBlock(
                fields=tuple(self.field(f, f"{where}第{i}个字段", columns)
                             for i, f in enumerate(fields, 1)),
                columns=columns,
                heading=self.optional_text(data, "heading", where),
                label_width=self.number(data, "label_width", where, None, 8, 80),
            )
        if kind == "table":
            data = self.table(value, where,
                              ("type", "heading", "key", "columns", "min_rows", "numbered"),
                              ("key", "columns"))
            return TableBlock(
                key=self.data_key(data, "key", where) or "",
                columns=tuple(self.column(c, f"{where}第{i}列")
                              for i, c in enumerate(self.items(data, "columns", where), 1)),
                heading=self.optional_text(data, "heading", where),
                min_rows=self.integer(data, "min_rows", where, 0, 0, 200),
                numbered=self.flag(data, "numbered", where, False),
            )
        if kind == "text":
            data = self.table(value, where, ("type", "heading", "text", "size", "boxed"), ("text",))
            size = self.text(data, "size", where, "body")
            if size not in ("body", "small"):
                self.fail(where, f"{_named('size')} 应为 \"body\"（正文）或 \"small\"（小字），"
                                 f"实际是 {size!r}")
            return TextBlock(
                text=self.wording(data, "text", where),
                heading=self.optional_text(data, "heading", where),
                size=size,
                boxed=self.flag(data, "boxed", where, False),
            )
        data = self.table(value, where, ("type", "heading", "boxes", "height"), ("boxes",))
        boxes = []
        for i, box in enumerate(self.items(data, "boxes", where), 1):
            box_where = f"{where}第{i}个签名框"
            box_data = self.table(box, box_where, ("label", "date", "key"), ("label",))
            boxes.append(SignatureBox(self.text(box_data, "label", box_where),
                                      self.flag(box_data, "date", box_where, True),
                                      self.optional_text(box_data, "key", box_where)))
        if len(boxes) > 4:
            self.fail(where, "签名框最多 4 个（一行放不下更多）")
        return SignaturesBlock(
            boxes=tuple(boxes),
            heading=self.optional_text(data, "heading", where),
            height=self.number(data, "height", where, 16.0, 5, 120) or 16.0,
        )

    @staticmethod
    def _block_types() -> str:
        return "、".join(f"{key}（{name}）" for key, name in BLOCK_TYPES.items())

    def blocks(self, data: Mapping[str, Any], where: str) -> tuple[Block, ...]:
        return tuple(self.block(b, f"{where}第{i}个栏目")
                     for i, b in enumerate(self.items(data, "blocks", where), 1))

    def template(self, data: Mapping[str, Any]) -> FormTemplate:
        top = self.table(data, "", ("title", "subtitle", "letterhead", "serial", "blocks",
                                    "parts", "footnote"), ("title",))
        if ("blocks" in top) == ("parts" in top):
            self.fail("", "应有 blocks（栏目）或 parts（联）二者之一："
                          "普通表格用 [[blocks]]，多联单用 [[parts]]")
        if "blocks" in top:
            parts: tuple[Part, ...] = (Part(name="", blocks=self.blocks(top, "")),)
        else:
            raw_parts = self.items(top, "parts", "")
            if not 2 <= len(raw_parts) <= 3:
                self.fail("", f"parts（联）应有 2 或 3 联，实际有 {len(raw_parts)} 联")
            built = []
            for i, raw in enumerate(raw_parts, 1):
                where = f"第{i}联"
                part = self.table(raw, where, ("name", "label", "blocks"), ("name", "blocks"))
                built.append(Part(name=self.text(part, "name", where),
                                  label=self.text(part, "label", where),
                                  blocks=self.blocks(part, where)))
            parts = tuple(built)
        serial = None
        if "serial" in top:
            where = "serial（编号）"
            raw = self.table(top["serial"], where, ("key", "label", "code128", "qr"), ("key",))
            serial = Serial(key=self.data_key(raw, "key", where) or "",
                            label=self.text(raw, "label", where, "编号"),
                            code128=self.flag(raw, "code128", where, True),
                            qr=self.flag(raw, "qr", where, False))
        return FormTemplate(
            file=self.file,
            title=self.text(top, "title", ""),
            parts=parts,
            subtitle=self.wording(top, "subtitle", "") if "subtitle" in top else "",
            letterhead=self.flag(top, "letterhead", "", True),
            serial=serial,
            footnote=self.wording(top, "footnote", "") if "footnote" in top else "",
        )


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def _parse_toml(reader: _Reader, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        match = _TOML_POSITION.search(detail)
        where = f"第 {match.group(1)} 行第 {match.group(2)} 列" if match else ""
        detail = _TOML_POSITION.sub("", detail)
        reader.fail(where, f"不是有效的 TOML 格式（{detail}）。常见原因：文字两边缺英文双引号、"
                           "引号或括号不配对、同一设置项写了两次")


def template_path(name: str, folder: Path | None = None) -> Path:
    if not _NAME.fullmatch(name):
        raise ValidationError(f"表单名称“{name}”不对：只能用英文字母、数字、下划线和连字符",
                              field="表单模板")
    return (folder or paths.forms_dir()) / f"{name}.toml"


def load_template(name: str, folder: Path | None = None) -> FormTemplate:
    """Read and check forms/<name>.toml (or <folder>/<name>.toml)."""
    path = template_path(name, folder)
    reader = _Reader(path.name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(f"找不到表单模板 {path.name}（应在 {path.parent} 中）",
                              field="表单模板") from None
    except OSError as exc:
        raise ValidationError(f"无法读取表单模板 {path.name}：{exc.strerror or exc}",
                              field="表单模板") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        reader.fail("", "不是 UTF-8 编码（用记事本打开后“另存为”，编码选 UTF-8）")
    return reader.template(_parse_toml(reader, text))
