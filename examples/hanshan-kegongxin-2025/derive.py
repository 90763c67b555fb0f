#!/usr/bin/env python3
"""Derives input.json (budget lines and texts) for 邯山区科技和工业信息化局 2025 from the mended seed.

Usage (from the repository root):
    yusuan extract fixtures/hanshan-kegongxin-2025-budget.corrected.txt --format json > /tmp/seed.json
    python3 examples/hanshan-kegongxin-2025/derive.py /tmp/seed.json > examples/hanshan-kegongxin-2025/input.json

What the seed does not disclose is an assumption, written down here:
* every budget line belongs to the unit 本级 (the seed prints no per-unit split);
* the function 项 of each 基本支出 economic 款 is the one its amount matches in the function tables
  (30108 → 2080505, 30110 → 2101102, 30113 → 2210201, 30302 → 2080501, 30305 → 2082501, the rest of
  the 人员经费 and every 公用经费 line → 2060101 行政运行);
* a project coded 13040224… (a 2024 project) is 上年结转, a 2025 one 本年;
* last year's lines are only as detailed as the seed's text (total 2031.17, 基本 591.67, 项目 1439.50 of
  which 一般公共预算 313.50 and 国有资本经营 1126.00); their 人员/公用 split keeps 机关运行经费 and the
  “三公” items flat, as the seed's text says they were.
"""
import json
import sys

doc = json.load(open(sys.argv[1], encoding="utf-8"))
UNIT = "邯山区科技和工业信息化局本级"


def table(kind):
    return next(t for t in doc["tables"] if t["kind"] == kind)


def amount(t, row, col):
    i = next(i for i, c in enumerate(t["columns"]) if c["id"] == col)
    c = row["cells"][i]
    return c["value"]["value"] if c["type"] == "amount" else 0


def yuan(fen):
    return f"{fen // 100}.{fen % 100:02d}"


FUNCTION_OF = {"30108": "2080505", "30110": "2101102", "30113": "2210201", "30302": "2080501", "30305": "2082501"}
lines = []
basic = table("basic")
for r in basic["rows"]:
    code = r.get("code") or ""
    if len(code) != 5:
        continue
    for col, kind in (("personnel", "人员经费"), ("public", "公用经费")):
        v = amount(basic, r, col)
        if v:
            lines.append({"unit": UNIT, "function": FUNCTION_OF.get(code, "2060101"), "economic": code,
                          "fund": "一般公共预算", "kind": kind, "period": "本年", "amount": yuan(v)})

PROJECT_FUNCTION = {
    "13040225P00000610003R": ("2230105", "国有资本经营"),
    "13040225P00000410003E": ("2230105", "国有资本经营"),
    "13040224P00021410004A": ("2069999", "一般公共预算"),
    "13040225P00023510002M": ("2060502", "一般公共预算"),
    "13040224P00021210004Y": ("2060499", "一般公共预算"),
    "13040224P00001610005R": ("2230105", "国有资本经营"),
    "13040224P00001410007M": ("2230105", "国有资本经营"),
}
projects = []
for p in doc["projects"]:
    function, fund = PROJECT_FUNCTION[p["code"]]
    period = "上年结转" if p["code"].startswith("13040224") else "本年"
    lines.append({"unit": UNIT, "function": function, "fund": fund, "kind": "项目", "project": p["code"],
                  "period": period, "amount": yuan(p["budget"]["value"])})
    plan = {label: a for label, a in p["plan"]}
    projects.append({
        "code": p["code"], "name": p["name"], "purpose": p.get("purpose") or "", "goal": p.get("goal") or "",
        "plan": [{"period": per, **({"amount": yuan(plan[per]["value"])} if per in plan else {})}
                 for per in ("3月底", "6月底", "10月底", "12月底")],
        "indicators": [{k: i[k] for k in ("level1", "level2", "level3", "description", "value", "basis")}
                       for i in p["indicators"]],
    })


def section(sid):
    return [p["text"] for p in next(s for s in doc["sections"] if s["id"] == sid)["paragraphs"]]


duties = section("duties")
duties = duties[duties.index("部门职责：") + 1:duties.index("机构设置：")]

prior = [
    {"unit": UNIT, "function": "2060101", "economic": "30101", "fund": "一般公共预算", "kind": "人员经费", "amount": "5606900.00"},
    {"unit": UNIT, "function": "2060101", "economic": "30201", "fund": "一般公共预算", "kind": "公用经费", "amount": "290800.00"},
    {"unit": UNIT, "function": "2060101", "economic": "30231", "fund": "一般公共预算", "kind": "公用经费", "amount": "15000.00"},
    {"unit": UNIT, "function": "2060101", "economic": "30215", "fund": "一般公共预算", "kind": "公用经费", "amount": "4000.00"},
    {"unit": UNIT, "function": "2069999", "fund": "一般公共预算", "kind": "项目", "project": "13040224P00021410004A", "amount": "3135000.00"},
    {"unit": UNIT, "function": "2230105", "fund": "国有资本经营", "kind": "项目", "project": "13040224P00001610005R", "amount": "11260000.00"},
]

out = {
    "department": {"code": "306", "name": "邯山区科技和工业信息化局", "year": 2025, "layout": "hebei-dept-budget"},
    "units": [
        {"name": UNIT, "kind": "行政", "level": "正科级", "funding": "财政拨款"},
        {"name": "邯山区科技和工业信息化局（事业）", "kind": "事业", "level": "正科级", "funding": "财政性资金基本保证"},
        {"name": "邯山区科工局差额 70%", "kind": "事业", "level": "正科级", "funding": "财政性资金定额或定项补助"},
    ],
    "lines": lines,
    "projects": projects,
    "procurement": [
        {"unit": UNIT, "project": "公用经费一", "project_budget": "69000.00", "item": "车辆维修和保养服务",
         "catalog_no": "C23120301", "measure": "万元", "quantity": 1, "unit_price": "15000.00", "fund": "一般公共预算",
         "amount": "15000.00", "sme": "15000.00"},
        {"unit": "邯山区科技和工业信息化局（事业）", "project": "公用经费一", "project_budget": "30000.00",
         "item": "其他印刷服务", "catalog_no": "C23090199", "measure": "万元", "quantity": 1, "unit_price": "20000.00",
         "fund": "一般公共预算", "amount": "20000.00", "sme": "20000.00"},
    ],
    "assets": {"date": "2024-12-31", "vehicles": 1, "vehicles_value": "120000.00", "other_count": 225,
               "other_value": "686400.00"},
    "prior": {"year": 2024, "lines": prior},
    "texts": {
        "duties": "\n".join(duties),
        "overall_performance": "\n".join(section("overall_performance")),
        "special_funds": "本部门无主管专项资金，本部分为空。",
        "other": "我部门无其他需要说明的事项。",
        "reason.basic": "人员退休工资等费用减少",
        "reason.project": "上年一次性项目结束",
    },
}
json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
print()
