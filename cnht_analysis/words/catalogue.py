"""Every vi/en string of the presentation, keyed. Vietnamese pages show only these words."""

from __future__ import annotations

from ..status import EXCEEDED, STATUSES

CATALOGUE: dict[str, dict[str, str]] = {}

# the status words: defined once, with the rest of the vocabulary, in status.py
for _s in STATUSES.values():
    CATALOGUE[_s.label_key] = {"vi": _s.vi, "en": _s.en}
CATALOGUE["status.exceeded"] = dict(EXCEEDED)

FLAGS: dict[str, dict[str, str]] = {
    "derived_data": {
        "vi": "có dùng số suy ra (do chúng tôi tính từ một phát biểu của nguồn, không phải số "
        "được công bố)",
        "en": "uses a derived figure (computed by us from a statement in a source, not a "
        "published figure)",
    },
    "estimate_data": {"vi": "có dùng số ước tính", "en": "uses an estimate"},
    "preliminary_data": {"vi": "có dùng số sơ bộ", "en": "uses a preliminary figure"},
    "series_break": {
        "vi": "định nghĩa của chỉ tiêu đã thay đổi: chỉ dùng số liệu từ lần thay đổi gần nhất",
        "en": "the indicator's definition changed: only data from the latest change on are used",
    },
    "old_definition": {
        "vi": "có số liệu theo định nghĩa cũ (trước lần thay đổi định nghĩa): không dùng để so "
        "với mục tiêu",
        "en": "some figures follow an old definition (before a later change): not compared "
        "with the target",
    },
    "no_comparable_figure": {
        "vi": "không có số liệu so sánh được: chỉ có số liệu theo định nghĩa cũ",
        "en": "no comparable figure: only figures of an old definition exist",
    },
    "lower_bound": {
        "vi": "số liệu chỉ là giới hạn dưới (“hơn …”): chỉ chứng minh được “Đạt” hoặc "
        "“Có khả năng đạt”",
        "en": "the figure is only a lower bound (“more than …”): it can prove “achieved” or "
        "“on track”, nothing else",
    },
    "upper_bound": {
        "vi": "số liệu chỉ là giới hạn trên (“dưới …”): chỉ chứng minh được một số kết luận",
        "en": "the figure is only an upper bound (“less than …”): it can prove only some verdicts",
    },
    "no_target_year_data": {
        "vi": "chưa có số liệu của năm mục tiêu",
        "en": "no figure for the target year",
    },
    "insufficient_data": {
        "vi": "chưa đủ số liệu: cần ít nhất hai năm có số liệu kể từ năm gốc",
        "en": "not enough data: at least two years with data from the base year on are needed",
    },
    "nonpositive_values": {
        "vi": "có giá trị bằng 0 hoặc âm nên không tính được tốc độ tăng",
        "en": "a zero or negative value: no growth rate can be computed",
    },
    "achieved_early": {"vi": "đã đạt trước năm mục tiêu", "en": "met before the target year"},
    "base_is_bound": {
        "vi": "giá trị năm gốc là một giới hạn, được coi như một điểm",
        "en": "the base-year value is a bound, taken as a point",
    },
    "year_missed": {
        "vi": "đã có năm không đạt mức tăng yêu cầu (nếu hiểu “năm nào cũng phải đạt”)",
        "en": "some year already fell short of the required growth (on the “every year” reading)",
    },
    "recent_trend": {
        "vi": "chưa có năm nào của giai đoạn mục tiêu: dùng tối đa 5 năm gần nhất trước đó",
        "en": "no year of the target period observed yet: the latest up to 5 earlier years "
        "are used",
    },
    "too_few_points_for_probability": {
        "vi": "dưới 4 quan sát nên không tính xác suất đạt",
        "en": "fewer than 4 observations, so no probability is computed",
    },
    "models_disagree": {
        "vi": "các mô hình cho xác suất chênh nhau hơn 50 điểm phần trăm",
        "en": "the models' probabilities differ by more than 50 percentage points",
    },
    "status_conflict": {
        "vi": "trạng thái theo tốc độ tăng và xác suất theo mô hình không nhất quán",
        "en": "the status from growth rates and the models' probability disagree",
    },
    "manual_override": {
        "vi": "trạng thái được điều chỉnh thủ công",
        "en": "the status was set manually",
    },
}
for _code, _w in FLAGS.items():
    CATALOGUE[f"flag.{_code}"] = _w

CATALOGUE.update(
    {
        # since last year: one class per target
        "since.improved": {"vi": "tiến bộ hơn", "en": "improved"},
        "since.worsened": {"vi": "kém đi", "en": "worsened"},
        "since.unchanged": {"vi": "không đổi", "en": "unchanged"},
        "since.newly_assessable": {
            "vi": "nay đã đánh giá được",
            "en": "newly assessable",
        },
        "since.no_longer_assessable": {
            "vi": "nay không còn đánh giá được",
            "en": "no longer assessable",
        },
        "since.still_unable": {"vi": "vẫn chưa đủ số liệu", "en": "still unable to assess"},
        "since.new_this_year": {"vi": "mới trong năm nay", "en": "new this year"},
        "since.from_inputs": {
            "vi": "So với báo cáo năm {year}, tính lại từ chính số liệu đầu vào của báo cáo đó.",
            "en": "Compared with the {year} report, recomputed from that report's own inputs.",
        },
        "since.from_today": {
            "vi": "So với năm {year}, tính từ số liệu hiện nay (không có số liệu đầu vào của "
            "báo cáo năm trước).",
            "en": "Compared with {year}, computed from today's data (the previous report's "
            "inputs were not available).",
        },
        # what it takes from now
        "needed.level": {
            "vi": "cần tăng {rate} từ nay",
            "en": "needs {rate} from now",
        },
        "needed.level_at_most": {
            "vi": "cần tăng nhiều nhất {rate} từ nay",
            "en": "needs at most {rate} from now",
        },
        "needed.decline": {
            "vi": "cần giảm {rate} từ nay",
            "en": "needs to fall {rate} from now",
        },
        "needed.growth": {
            "vi": "các năm còn lại cần tăng bình quân {rate}",
            "en": "the remaining years need {rate} on average",
        },
        "needed.growth_at_most": {
            "vi": "các năm còn lại cần tăng bình quân nhiều nhất {rate}",
            "en": "the remaining years need at most {rate} on average",
        },
        "needed.gap": {"vi": "còn thiếu khoảng {gap}", "en": "about {gap} short"},
        "needed.old_definition": {
            "vi": "không tính được: số liệu gần nhất theo định nghĩa cũ",
            "en": "not computed: the latest figure follows an old definition",
        },
        "behind.numbers": {
            "vi": "cần {required}/năm, đạt {actual}/năm",
            "en": "needs {required} a year, achieved {actual} a year",
        },
        # counts told the official way
        "count.achieved": {"vi": "{n}/{total} chỉ tiêu đạt và vượt", "en": "{n}/{total} achieved"},
        "count.on_track": {"vi": "{n} chỉ tiêu có khả năng đạt", "en": "{n} on track"},
        "count.acceleration_needed": {
            "vi": "{n} chỉ tiêu cần đẩy nhanh",
            "en": "{n} need acceleration",
        },
        "count.limited_progress": {"vi": "{n} chỉ tiêu khó đạt", "en": "{n} with limited progress"},
        "count.deterioration": {"vi": "{n} chỉ tiêu thụt lùi", "en": "{n} moving away"},
        "count.missed": {"vi": "{n} chỉ tiêu không đạt", "en": "{n} missed"},
        "count.unable_to_assess": {
            "vi": "{n} chỉ tiêu chưa đủ số liệu",
            "en": "{n} unable to assess",
        },
        # why a trend model was skipped (forecast.Reason)
        "skip.min_points": {
            "vi": "cần ít nhất {need} điểm, chỉ có {have}",
            "en": "needs at least {need} points, has {have}",
        },
        "skip.min_growths": {
            "vi": "cần ít nhất {need} giá trị mức tăng, chỉ có {have}",
            "en": "needs at least {need} growth values, has {have}",
        },
        "skip.non_positive": {"vi": "có giá trị bằng 0 hoặc âm", "en": "non-positive values"},
        "skip.not_in_0_100": {
            "vi": "có giá trị không nằm hẳn trong khoảng 0–100 %",
            "en": "values not strictly between 0 and 100 %",
        },
        "skip.growth_le_minus_100": {
            "vi": "có mức tăng từ −100 % trở xuống",
            "en": "a growth of −100 % or less has no logarithm",
        },
        "skip.not_finite": {
            "vi": "kết quả ước lượng không hữu hạn",
            "en": "the fit is not finite",
        },
        "inferred.mark": {"vi": "giá trị suy ra", "en": "inferred value"},
        "request.heading": {"vi": "Số liệu cần bổ sung", "en": "Figures needed"},
        "adopted_later.heading": {
            "vi": "Chương trình ban hành sau năm đánh giá",
            "en": "Programmes adopted later",
        },
        "passed.heading": {
            "vi": "Kế hoạch đã qua năm mục tiêu",
            "en": "Plans whose target year has passed",
        },
        "owner.unknown": {"vi": "chưa rõ đơn vị nắm số liệu", "en": "holder not known"},
    }
)

# --- the report's words (report.py): headings, column heads, sentences with {fields} --------------
# A key ending in ".one" is the singular form `words.tn` picks when n == 1.
CATALOGUE.update(
    {
        "in_year": {"vi": "năm {year}", "en": "{year}"},
        "n_targets": {"vi": "{n} mục tiêu", "en": "{n} targets"},
        "n_targets.one": {"vi": "{n} mục tiêu", "en": "{n} target"},
        "unit.pp": {"vi": "điểm %", "en": "pp"},
        # column heads of the report's tables
        "col.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
        "col.target": {"vi": "Mục tiêu", "en": "Target"},
        "col.latest": {"vi": "Số mới nhất", "en": "Latest figure"},
        "col.gap": {"vi": "Còn thiếu", "en": "Gap"},
        "col.needed": {"vi": "Cần đạt từ nay", "en": "What it takes from now"},
        "col.verdict": {"vi": "Đánh giá", "en": "Status"},
        "col.owner": {"vi": "Đơn vị nắm số liệu còn thiếu", "en": "Who holds the missing figure"},
        "col.year": {"vi": "Năm", "en": "Year"},
        "col.value": {"vi": "Giá trị", "en": "Value"},
        "col.kind": {"vi": "Loại số liệu", "en": "Kind of figure"},
        "col.source": {"vi": "Nguồn", "en": "Source"},
        "col.note": {"vi": "Ghi chú", "en": "Note"},
        "col.ratio": {"vi": "Tỷ số", "en": "Ratio"},
        "col.status": {"vi": "Trạng thái", "en": "Status"},
        "col.probability": {"vi": "Xác suất", "en": "Probability"},
        "col.term": {"vi": "Cách nói", "en": "Term"},
        "col.input_file": {"vi": "Tệp đầu vào", "en": "Input file"},
        # column heads of the pandas tables for economists (explore.ipynb)
        "frame.year": {"vi": "năm", "en": "year"},
        "frame.value": {"vi": "giá trị", "en": "value"},
        "frame.status": {"vi": "loại số liệu", "en": "status"},
        "frame.qualifier": {"vi": "định tính", "en": "qualifier"},
        "frame.source": {"vi": "nguồn", "en": "source"},
        "frame.note": {"vi": "ghi chú", "en": "note"},
        "frame.target": {"vi": "mục tiêu", "en": "target"},
        "frame.verdict": {"vi": "trạng thái", "en": "status"},
        "frame.probability": {"vi": "xác suất", "en": "probability"},
        "frame.why": {"vi": "vì sao", "en": "why"},
        "frame.indicator": {"vi": "chỉ tiêu", "en": "indicator"},
        "frame.name": {"vi": "tên", "en": "name"},
        "frame.unit": {"vi": "đơn vị", "en": "unit"},
        "frame.derive": {"vi": "cách tính", "en": "derive"},
        # charts' titles and alt texts
        "chart.availability.title": {
            "vi": "Số liệu hiện có theo năm",
            "en": "Figures available, by year",
        },
        "grid.target": {"vi": "Chỉ tiêu — năm mục tiêu", "en": "Indicator — target year"},
        "grid.note": {
            "vi": "Mỗi cột là trạng thái đánh giá tính đến năm đó; ô có khung đậm là năm mục tiêu.",
            "en": "Each column is the status as assessed as of that year; a bold frame marks "
            "the target year.",
        },
        "avail.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
        "avail.note": {
            "vi": "Mỗi ô là một năm: số liệu nào của chỉ tiêu đã có cho năm đó.",
            "en": "Each cell is a year: which figure of the indicator exists for that year.",
        },
        "chart.indicator.alt": {
            "vi": "Biểu đồ: {name}, số liệu và mục tiêu",
            "en": "Chart: {name}, data and targets",
        },
        # a manual override
        "override.words": {"vi": "Điều chỉnh thủ công: ", "en": "Manual override: "},
        "override.computed": {
            "vi": "(trạng thái tính được: {status})",
            "en": "(computed status: {status})",
        },
        # the first screen
        "first.heading": {
            "vi": "Đánh giá thực hiện mục tiêu phát triển công nghiệp hỗ trợ — {region}",
            "en": "Supporting-industry targets: are they on track? — {region}",
        },
        "first.defaulted": {
            "vi": " (năm gần nhất có số liệu chính thức hoặc sơ bộ)",
            "en": " (the latest year with actual or preliminary data)",
        },
        "first.subtitle": {
            "vi": "Tính đến năm {year}{defaulted} · {n} mục tiêu của {n_prog} kế hoạch, chương "
            "trình đang có hiệu lực: {counts} · lập lúc {when}",
            "en": "As of {year}{defaulted} · {n} targets of {n_prog} plans and programmes in "
            "force: {counts} · rendered {when}",
        },
        "first.synthetic": {
            "vi": "DỮ LIỆU TỔNG HỢP (SYNTHETIC) — không phải số liệu thật.",
            "en": "SYNTHETIC DATA — not real figures.",
        },
        "first.adopted": {"vi": "ban hành năm {year}", "en": "adopted {year}"},
        "first.messages_heading": {"vi": "Những điểm chính", "en": "Key messages"},
        "first.ahead_heading": {
            "vi": "Các mục tiêu đang có hiệu lực, năm mục tiêu từ {year} trở đi",
            "en": "Targets in force, target year {year} or later",
        },
        "first.no_ahead": {
            "vi": "Không còn mục tiêu nào có năm mục tiêu từ {year} trở đi.",
            "en": "No target in force has a target year of {year} or later.",
        },
        "first.legend_note": {
            "vi": "Viền liền = kết luận cuối cùng, viền gạch = tiến độ giữa kỳ, viền chấm = chưa "
            "đủ số liệu; * = Sở điều chỉnh thủ công; “giá trị suy ra” = con số mục tiêu không có "
            "trong văn bản của chương trình (lấy từ kế hoạch sau, xem phần giải thích); “≤” = số "
            "mới nhất chỉ là giới hạn dưới nên mức cần đạt có thể thấp hơn.",
            "en": "Solid border = final verdict, dashed = progress before the target year, dotted "
            "= not enough data; * = set manually by the Department; “inferred value” = a target "
            "value no programme text states (taken from a later plan, see the explanations); "
            "“≤” = the latest figure is only a lower bound, so less may be needed.",
        },
        "first.adopted_later_note": {
            "vi": "Chưa có hiệu lực năm {year} nên chưa đánh giá trong báo cáo này.",
            "en": "Not in force in {year}, so not assessed in this report.",
        },
        "first.csv_link": {
            "vi": "Tải bảng đánh giá (assessment.csv)",
            "en": "Download the table (assessment.csv)",
        },
        "first.csv_note": {
            "vi": "— tệp CSV nằm ngay trong trang này, mở được bằng Excel, không cần mạng.",
            "en": "— the CSV file is inside this page; opens in Excel, no network needed.",
        },
        # plans whose target year has passed
        "passed.note": {
            "vi": "Mới nhất trước. Các kế hoạch này đã kết thúc; kết luận chỉ thay đổi nếu có số "
            "liệu của năm mục tiêu (ai nắm số liệu nào: xem phần Số liệu cần bổ sung).",
            "en": "Newest first. These plans have ended; a verdict changes only when a figure of "
            "the target year arrives (who holds which figure: see Figures needed).",
        },
        # the figures to ask for
        "request.intro": {
            "vi": "Có các số liệu dưới đây, {n} mục tiêu hiện chưa đủ số liệu sẽ đánh giá được. "
            "Sở có thể chuyển nguyên danh sách này tới các đơn vị nắm số liệu; nhập số liệu bằng "
            "tệp Excel mẫu (cnht template, rồi cnht import).",
            "en": "With the figures below, {n} targets that cannot be assessed today would be. "
            "The Department can forward this list as it is to the holders of the figures; enter "
            "them with the Excel template (cnht template, then cnht import).",
        },
        "request.owner": {"vi": "Đơn vị nắm số liệu", "en": "Held by"},
        "request.settles": {"vi": "Sẽ đánh giá được", "en": "Would settle"},
        "request.none": {
            "vi": "Không thiếu số liệu nào: mọi mục tiêu đều đánh giá được.",
            "en": "No figure is missing: every target can be assessed.",
        },
        # since last year
        "since.heading": {"vi": "Thay đổi so với năm trước", "en": "Since last year"},
        "since.counts": {
            "vi": "{total} mục tiêu đang có hiệu lực: {told}.",
            "en": "{total} targets in force: {told}.",
        },
        "since.revised_heading": {
            "vi": "Số liệu các năm trước đã được điều chỉnh",
            "en": "Figures revised since",
        },
        # the indicator sections
        "sections.heading": {"vi": "Từng chỉ tiêu", "en": "Indicator by indicator"},
        "section.data": {
            "vi": "Số liệu: {n} năm ({span}; {kinds}); {targets}.",
            "en": "Data: {n} years ({span}; {kinds}); {targets}.",
        },
        "section.data.one": {
            "vi": "Số liệu: {n} năm ({span}; {kinds}); {targets}.",
            "en": "Data: {n} year ({span}; {kinds}); {targets}.",
        },
        "section.no_data": {
            "vi": "Chưa có số liệu nào đến năm {year}; {targets}.",
            "en": "No data up to {year}; {targets}.",
        },
        "section.context": {
            "vi": "Đường chấm màu xám là số liệu bối cảnh ({name}), không phải chỉ tiêu này; nó "
            "chỉ giúp hình dung xu hướng chung.",
            "en": "The grey dotted line is a context series ({name}), not this indicator; it "
            "only shows the general trend.",
        },
        "note.other_language": {"vi": " (tiếng Anh)", "en": " (in Vietnamese)"},
        "section.new_definition": {"vi": ", định nghĩa mới", "en": ", new definition"},
        "fan.caption": {
            "vi": "Dự báo năm {year} ({model}): {mean}, khoảng 80 % từ {lo} đến {hi}. Xác suất "
            "đạt mục tiêu {target_year} (trung vị các mô hình): {p} — {term}.",
            "en": "Forecast for {year} ({model}): {mean}, 80% range {lo} to {hi}. Probability of "
            "meeting the {target_year} target (median of the models): {p} — {term}.",
        },
        # the numbers behind each status
        "explain.title": {
            "vi": "Các con số đằng sau mỗi trạng thái",
            "en": "The numbers behind each status",
        },
        "explain.note": {
            "vi": "Các mục tiêu chưa có số liệu nào được giải thích ngay trong bảng ở trên.",
            "en": "Targets with no figure at all are explained in their row of the tables above.",
        },
        "sources.title": {"vi": "Nguồn", "en": "Sources"},
        # provenance
        "provenance.title": {"vi": "Nguồn gốc báo cáo", "en": "Provenance"},
        "provenance.software": {"vi": "Phần mềm", "en": "Software"},
        "provenance.region": {"vi": "Địa bàn", "en": "Region"},
        "provenance.as_of": {"vi": "Năm đánh giá", "en": "As-of year"},
        "provenance.rendered": {"vi": "Thời điểm lập", "en": "Rendered"},
        "provenance.data_dir": {"vi": "Thư mục số liệu", "en": "Data directory"},
        # the method in plain words
        "method.title": {"vi": "Phương pháp", "en": "Method"},
        "method.compare": {
            "vi": "Mỗi mục tiêu được so với số liệu đến năm đánh giá; số liệu sau năm đó bị bỏ "
            "qua.",
            "en": "Each target is compared with the data up to the as-of year; later data are "
            "ignored.",
        },
        "method.passed": {
            "vi": "Khi năm mục tiêu đã qua: đạt nếu số liệu năm mục tiêu đạt ngưỡng, không đạt "
            "nếu không; nếu năm đó chưa có số liệu thì “chưa đủ số liệu”. Ngưỡng = giá trị mục "
            "tiêu trừ dung sai (mục tiêu “khoảng” có dung sai 3 % với số lượng, 0,5 điểm phần "
            "trăm với tỷ lệ).",
            "en": "When the target year has passed: achieved if the figure for that year meets "
            "the threshold, missed if not; without a figure for that year, “unable to assess”. "
            "Threshold = target value minus the tolerance (“about” targets get 3% for counts and "
            "0.5 percentage points for shares).",
        },
        "method.ahead": {
            "vi": "Khi năm mục tiêu chưa đến: nếu số mới nhất đã đạt ngưỡng thì “đã đạt” (đạt "
            "sớm). Nếu chưa, so tốc độ tăng bình quân đã đạt từ năm gốc với tốc độ cần có để chạm "
            "ngưỡng đúng hạn (tỷ số = đạt/cần), theo cách làm của Eurostat và Thống kê Canada:",
            "en": "Before the target year: if the latest figure already meets the threshold, "
            "“achieved” (early). Otherwise the average yearly growth achieved since the base "
            "year is compared with the growth needed to reach the threshold on time (ratio = "
            "achieved/needed), as Eurostat and Statistics Canada do:",
        },
        "method.growth": {
            "vi": "Mục tiêu về mức tăng (ví dụ “chỉ số tăng trên 11 %/năm”) dùng mức tăng bình "
            "quân nhân của các năm đã có trong giai đoạn áp dụng; sau giai đoạn, mọi năm đều phải "
            "đạt.",
            "en": "Growth targets (e.g. “the index grows by more than 11% a year”) use the "
            "geometric mean growth of the observed years of the period they apply to; once the "
            "period is over, every year must meet it.",
        },
        "method.flags": {
            "vi": "Số ước tính, sơ bộ và số suy ra (do chúng tôi tính từ một phát biểu của nguồn) "
            "đều được dùng nhưng được ghi chú. Số “hơn …” là giới hạn dưới: chỉ chứng minh được "
            "“đã đạt” hoặc “đúng tiến độ”. Khi định nghĩa chỉ tiêu thay đổi, chỉ dùng số liệu từ "
            "lần thay đổi gần nhất.",
            "en": "Estimates, preliminary figures and derived figures (computed by us from a "
            "statement in a source) are used and flagged. A “more than …” figure is a lower "
            "bound: it can prove only “achieved” or “on track”. When an indicator's definition "
            "changes, only data from the latest change on are used.",
        },
        "method.probability": {
            "vi": "Xác suất đạt mục tiêu được tính khi có ít nhất 4 quan sát, từ ba mô hình xu "
            "hướng (tuyến tính, log-tuyến tính hoặc logit cho tỷ lệ, bước ngẫu nhiên có xu hướng; "
            "với mục tiêu mức tăng: mô hình mức tăng độc lập). Báo cáo nêu trung vị và khoảng của "
            "các mô hình, diễn đạt theo thang khả năng của IPCC:",
            "en": "The probability of meeting a target is computed when there are at least 4 "
            "observations, from three trend models (linear; log-linear, or logit for shares; "
            "random walk with drift; for growth targets an independent-growth model). The "
            "report gives the median and range of the models, worded on the IPCC likelihood "
            "scale:",
        },
    }
)

# --- the key messages (words/messages.py) ---------------------------------------------------------
CATALOGUE.update(
    {
        "msg.overview": {
            "vi": "Tính đến năm {year}, {region} có {n} mục tiêu công nghiệp hỗ trợ.",
            "en": "As of {year}, {region} has {n} supporting-industry targets.",
        },
        "msg.overview.one": {
            "vi": "Tính đến năm {year}, {region} có {n} mục tiêu công nghiệp hỗ trợ.",
            "en": "As of {year}, {region} has {n} supporting-industry target.",
        },
        "msg.final": {
            "vi": "{n} mục tiêu đã có kết luận cuối cùng ({parts})",
            "en": "{n} targets have a final verdict ({parts})",
        },
        "msg.final.one": {
            "vi": "{n} mục tiêu đã có kết luận cuối cùng ({parts})",
            "en": "{n} target has a final verdict ({parts})",
        },
        "msg.in_progress": {
            "vi": "{n} mục tiêu được đánh giá tiến độ ({parts})",
            "en": "{n} targets are assessed for progress ({parts})",
        },
        "msg.in_progress.one": {
            "vi": "{n} mục tiêu được đánh giá tiến độ ({parts})",
            "en": "{n} target is assessed for progress ({parts})",
        },
        "msg.unable": {
            "vi": "{n} mục tiêu ({share}) chưa đủ số liệu để đánh giá",
            "en": "{n} targets ({share}) cannot be assessed for lack of data",
        },
        "msg.unable.one": {
            "vi": "{n} mục tiêu ({share}) chưa đủ số liệu để đánh giá",
            "en": "{n} target ({share}) cannot be assessed for lack of data",
        },
        "msg.verb.meets": {"vi": "đạt mục tiêu", "en": "meeting the target of"},
        "msg.verb.misses": {"vi": "không đạt mục tiêu", "en": "missing the target of"},
        "msg.verb.beats": {"vi": "vượt mục tiêu", "en": "beating the target of"},
        "msg.verb.within": {
            "vi": "đạt mục tiêu (trong dung sai)",
            "en": "meeting (within tolerance) the target of",
        },
        "msg.decided.growth": {
            "vi": "{name}: {got}, {verb} {goal} của {prog}.",
            "en": "{name}: {got}, {verb} {goal} set by {prog}.",
        },
        "msg.decided.level": {
            "vi": "Năm {year}, {name} là {value}, {verb} {goal} của {prog}.",
            "en": "In {year}, {name}: {value}, {verb} {goal} set by {prog}.",
        },
        "msg.derived": {
            "vi": "Lưu ý: đây là số suy ra từ một phát biểu của nguồn, chưa phải số thống kê được "
            "công bố.",
            "en": "Note: this figure is derived from a statement in a source; it is not a "
            "published statistic.",
        },
        "msg.provisional.estimate": {
            "vi": "Đây là {kind}, có thể còn được điều chỉnh.",
            "en": "This is an {kind} figure and may be revised.",
        },
        "msg.provisional.preliminary": {
            "vi": "Đây là {kind}, có thể còn được điều chỉnh.",
            "en": "This is a {kind} figure and may be revised.",
        },
        "msg.override": {
            "vi": "Trạng thái được điều chỉnh thủ công thành “{status}”: {reason} (trạng thái "
            "tính được: {computed}).",
            "en": "The status was set manually to “{status}”: {reason} (computed status: "
            "{computed}).",
        },
        "msg.progress.growth": {
            "vi": "{name}: bình quân {years} đạt {got}, so với mục tiêu {goal} giai đoạn "
            "{start}–{end} của {prog} — {status}.",
            "en": "{name}: {got} on average over {years}, against the target of {goal} for "
            "{start}–{end} set by {prog} — {status}.",
        },
        "msg.progress.level": {
            "vi": "{name}: để đạt {goal} vào năm {year} ({prog}) cần tăng {need} từ năm "
            "{base_year}; thực tế đạt {got} — {status}.",
            "en": "{name}: reaching {goal} by {year} ({prog}) needs {need} from {base_year}; "
            "so far {got} — {status}.",
        },
        "msg.probability": {
            "vi": "Xác suất đạt theo các mô hình xu hướng: {p} ({term}).",
            "en": "Probability of meeting it from the trend models: {p} ({term}).",
        },
        "msg.bound.lower": {"vi": "dưới", "en": "a lower"},
        "msg.bound.upper": {"vi": "trên", "en": "an upper"},
        "msg.bound": {
            "vi": "Số mới nhất về {name} là “{value}” (năm {year}). Đây chỉ là giới hạn {side}, "
            "nên chưa thể nói mục tiêu {goal} vào năm {target_year} đang đúng hay chậm tiến độ; "
            "cần một con số cụ thể.",
            "en": "The latest figure for {name} is “{value}” ({year}). It is only {side} bound, "
            "so we cannot tell whether the target of {goal} by {target_year} is on track; a "
            "definite figure is needed.",
        },
        "msg.no_data": {
            "vi": "Chưa có bất kỳ số liệu công bố nào về {names}, nên {targets} gắn với các "
            "chỉ tiêu này không thể đánh giá. Công bố các số liệu này là cách nhanh nhất để báo "
            "cáo trả lời được câu hỏi “có đạt mục tiêu không”.",
            "en": "No figure has been published for {names}, so {targets} on these indicators "
            "cannot be assessed. Publishing these figures is the quickest way for this report to "
            "answer “is the target being met?”.",
        },
        "msg.no_data.one": {
            "vi": "Chưa có bất kỳ số liệu công bố nào về {names}, nên {targets} gắn với chỉ "
            "tiêu này không thể đánh giá. Công bố các số liệu này là cách nhanh nhất để báo cáo "
            "trả lời được câu hỏi “có đạt mục tiêu không”.",
            "en": "No figure has been published for {names}, so {targets} on this indicator "
            "cannot be assessed. Publishing these figures is the quickest way for this report to "
            "answer “is the target being met?”.",
        },
        "msg.side.above": {"vi": "cao hơn", "en": "above"},
        "msg.side.below": {"vi": "thấp hơn", "en": "below"},
        "msg.side.equal": {"vi": "bằng", "en": "equal to"},
        "msg.context.figure": {
            "vi": "{name} năm {year} là {value} ({kind})",
            "en": "{name} in {year} was {value} ({kind})",
        },
        "msg.context.one_side": {
            "vi": "{listed}; {side} mức {x}",
            "en": "{listed}; {side} the {x}",
        },
        "msg.context.all_one_side": {
            "vi": "{listed}; đều {side} mức {x}",
            "en": "{listed}; all {side} the {x}",
        },
        "msg.context.each_side": {"vi": "{text} ({side} mức {x})", "en": "{text} ({side} the {x})"},
        "msg.context": {
            "vi": "Để tham khảo: {told} mà các mục tiêu đặt ra cho {name}. Đây là số liệu bối "
            "cảnh, không phải chỉ tiêu của mục tiêu, nên không dùng để đánh giá.",
            "en": "For context: {told} the targets set for {name}. These are context series, "
            "not the targets' indicator, so they are not used to assess them.",
        },
    }
)

# `cnht explain` and the report's "why" lines (explain.py)
CATALOGUE.update(
    {
        "ex.band": {"vi": "[{lo}; {hi}]", "en": "[{lo}, {hi}]"},
        "ex.bound_note.lower": {
            "vi": "chỉ là giới hạn dưới nên chưa kết luận được",
            "en": "only a lower bound, so no verdict can be drawn",
        },
        "ex.bound_note.upper": {
            "vi": "chỉ là giới hạn trên nên chưa kết luận được",
            "en": "only an upper bound, so no verdict can be drawn",
        },
        "ex.threshold": {"vi": "ngưỡng", "en": "threshold"},
        "ex.no_figure_for": {"vi": "chưa có số liệu năm {year}", "en": "no figure for {year}"},
        "ex.latest_in": {
            "vi": " (số gần nhất: {v}, năm {year})",
            "en": " (latest: {v} in {year})",
        },
        "ex.year_value": {"vi": "năm {year}: {v}", "en": "{year}: {v}"},
        "ex.met_early": {
            "vi": "đã đạt sớm: {v} năm {year} {cmp} {threshold} {c}",
            "en": "met early: {v} in {year} {cmp} {threshold} {c}",
        },
        "ex.no_data": {"vi": "chưa có số liệu", "en": "no data"},
        "ex.why_probability": {
            "vi": "; xác suất đạt {p} ({term})",
            "en": "; probability of meeting it {p} ({term})",
        },
        "ex.no_data_at_all": {"vi": "chưa có số liệu nào", "en": "no data at all"},
        "ex.two_years_needed": {
            "vi": "chỉ có số liệu năm {years}; cần ít nhất hai năm kể từ năm gốc {b}",
            "en": "data only for {years}; at least two years from the base year {b} are needed",
        },
        "ex.base_met_latest_not": {
            "vi": "năm gốc {base_year} đã đạt ({bv}) nhưng năm {latest_year} chỉ còn {lv} "
            "(ngưỡng {c})",
            "en": "the base year {base_year} met it ({bv}) but {latest_year} has only {lv} "
            "(threshold {c})",
        },
        "ex.needs_achieved": {
            "vi": "cần {need}, đạt {got} (tỷ số {r}; {base_year}–{latest_year})",
            "en": "needs {need}, achieved {got} (ratio {r}; {base_year}–{latest_year})",
        },
        "ex.but_bound": {
            "vi": "; nhưng số năm {year} ({v}) {note}",
            "en": "; but the {year} figure ({v}) is {note}",
        },
        "ex.growth_above": {"vi": "tăng trên", "en": "growth above"},
        "ex.growth_at_least": {"vi": "tăng ít nhất", "en": "growth of at least"},
        "ex.needs_each_year": {
            "vi": "cần {need} mỗi năm; {got}",
            "en": "needs {need} each year; {got}",
        },
        "ex.no_growth_for": {
            "vi": "chưa có số liệu mức tăng năm {span}",
            "en": "no growth figure for {span}",
        },
        "ex.no_growth_at_all": {
            "vi": "chưa có số liệu mức tăng nào",
            "en": "no growth figure at all",
        },
        "ex.needs_average": {
            "vi": "cần {need}, đạt bình quân {got} ({years})",
            "en": "needs {need}, achieved {got} on average ({years})",
        },
        "ex.ratio_tail": {"vi": ", tỷ số {r}", "en": ", ratio {r}"},
        "ex.recent_trend_tail": {
            "vi": "; xu hướng trước giai đoạn mục tiêu",
            "en": "; trend before the target period",
        },
        "ex.fell_short_tail": {"vi": "; năm {years} chưa đạt", "en": "; {years} fell short"},
        "ex.break_year": {"vi": " (năm {year})", "en": " ({year})"},
        "ex.alt_share": {
            "vi": " (hoặc {a} và {b} năm {years})",
            "en": " (or {a} and {b} for {years})",
        },
        "ex.figure_for": {"vi": "{name} năm {span}", "en": "{name} for {span}"},
        "ex.definite_figure": {
            "vi": "{name} năm {year} dưới dạng một con số cụ thể (hiện chỉ biết “{v}”)",
            "en": "{name} for {year} as a definite figure (only “{v}” is known)",
        },
        "ex.positive_figures": {
            "vi": "{name}: số liệu dương (hiện có giá trị bằng 0 hoặc âm)",
            "en": "{name}: positive figures (the current ones include zero or negative values)",
        },
        "ex.later_year": {
            "vi": "{name} năm {year} hoặc một năm sau đó",
            "en": "{name} for {year} or a later year",
        },
        "ex.base_and_later": {
            "vi": "{name} năm gốc {b} và ít nhất một năm sau đó",
            "en": "{name} for the base year {b} and at least one later year",
        },
        "ex.growth_rule.strict": {
            "vi": "mức tăng phải lớn hơn hẳn {v}",
            "en": "growth must be strictly above {v}",
        },
        "ex.growth_rule.at_least": {
            "vi": "mức tăng phải lớn hơn hoặc bằng {v}",
            "en": "growth must be at least {v}",
        },
        "ex.no_tolerance": {"vi": "{c} (không có dung sai)", "en": "{c} (no tolerance)"},
        "ex.points": {"vi": "{n} điểm %", "en": "{n} pp"},
        "ex.share_of": {"vi": "{how} của {v}", "en": "{how} of {v}"},
        "ex.absolute": {"vi": "tuyệt đối", "en": "absolute"},
        "ex.tolerance": {"vi": "dung sai", "en": "tolerance"},
        "ex.target_line": {"vi": "Mục tiêu: {name}: {phrase}", "en": "Target: {name}: {phrase}"},
        "ex.quote_other": {
            "vi": " (nguyên văn tiếng Anh)",
            "en": " (original in Vietnamese)",
        },
        "ex.source_quote": {
            "vi": "Nguồn {src}: “{quote}”{tag}",
            "en": "Source {src}: “{quote}”{tag}",
        },
        "ex.source": {"vi": "Nguồn {src}", "en": "Source {src}"},
        "ex.inferred": {
            "vi": "* Giá trị suy ra, không có trong văn bản của chương trình: {basis}",
            "en": "* Inferred value, not stated in the programme's text: {basis}",
        },
        "ex.threshold_line": {"vi": "Ngưỡng tính đạt: {text}", "en": "Threshold: {text}"},
        "ex.assessed_with": {
            "vi": "Đánh giá tính đến năm {as_of}: dùng {n} quan sát ({years}; năm ≤ {horizon})",
            "en": "Assessed as of {as_of}: {n} observations used ({years}; years ≤ {horizon})",
        },
        "ex.assessed_with.one": {
            "vi": "Đánh giá tính đến năm {as_of}: dùng {n} quan sát ({years}; năm ≤ {horizon})",
            "en": "Assessed as of {as_of}: {n} observation used ({years}; years ≤ {horizon})",
        },
        "ex.assessed_without": {
            "vi": "Đánh giá tính đến năm {as_of}: không có quan sát nào đến năm {horizon}",
            "en": "Assessed as of {as_of}: no observation up to {horizon}",
        },
        "ex.growth_line": {
            "vi": "Tốc độ tăng cần thiết: {need}; đã đạt: {got}",
            "en": "Required growth: {need}; achieved: {got}",
        },
        "ex.needed_line": {"vi": "Để đạt mục tiêu: {text}", "en": "To meet the target: {text}"},
        "ex.ratio_line": {
            "vi": "Tỷ số tiến độ (đạt/cần): {rule}",
            "en": "Progress ratio (achieved/required): {rule}",
        },
        "ex.notes": {"vi": "Lưu ý:", "en": "Notes:"},
        "ex.override": {
            "vi": "Điều chỉnh thủ công: trạng thái tính được “{computed}” được thay bằng "
            "“{status}”; lý do: {reason}",
            "en": "Manual override: the computed status “{computed}” is replaced by "
            "“{status}”; reason: {reason}",
        },
        "ex.verdict": {"vi": "Kết luận: {status} — {why}", "en": "Verdict: {status} — {why}"},
        "ex.note_other": {"vi": " (tiếng Anh)", "en": " (in Vietnamese)"},
        "ex.note": {"vi": "; ghi chú{tag}: {note}", "en": "; note{tag}: {note}"},
        "ex.target_year": {"vi": "Năm mục tiêu", "en": "Target year"},
        "ex.year_no_figure": {
            "vi": "{label} {year}: chưa có số liệu",
            "en": "{label} {year}: no figure",
        },
        "ex.latest_earlier": {"vi": "Số gần nhất", "en": "Latest earlier value"},
        "ex.latest": {"vi": "Số mới nhất", "en": "Latest value"},
        "ex.base_no_data": {
            "vi": "Năm gốc: chưa có số liệu từ năm {b}",
            "en": "Base year: no data from {b} on",
        },
        "ex.base_and_latest": {"vi": "Năm gốc và số mới nhất", "en": "Base year and latest value"},
        "ex.base": {"vi": "Năm gốc", "en": "Base year"},
        "ex.lower_bound": {"vi": "giới hạn dưới", "en": "lower bound"},
        "ex.upper_bound": {"vi": "giới hạn trên", "en": "upper bound"},
        "ex.none_yet": {"vi": "chưa có", "en": "none yet"},
        "ex.period": {
            "vi": "Giai đoạn áp dụng: {w0}–{w1}; các năm đã có số liệu: {seen}",
            "en": "Period it applies to: {w0}–{w1}; years observed: {seen}",
        },
        "ex.years_failed": {"vi": "Năm không đạt: {years}", "en": "Years that fell short: {years}"},
        "ex.trend_used": {
            "vi": "Dùng xu hướng các năm {years} (trước giai đoạn mục tiêu)",
            "en": "Trend of {years} used (before the target period)",
        },
        "ex.no_probability": {
            "vi": "Xác suất đạt: không tính ({n} quan sát, cần ít nhất 4)",
            "en": "Probability: not computed ({n} observation(s), at least 4 are needed)",
        },
        "ex.models": {"vi": "Mô hình dự báo:", "en": "Forecast models:"},
        "ex.average_growth": {
            "vi": "mức tăng bình quân giai đoạn",
            "en": "average growth over the period",
        },
        "ex.for_year": {"vi": "năm {year}", "en": "for {year}"},
        "ex.model_fitted": {
            "vi": "  – {name}: dự báo {what} {fc}; xác suất đạt {p}",
            "en": "  – {name}: forecast {what} {fc}; probability of meeting the target {p}",
        },
        "ex.model_skipped": {
            "vi": "  – {name}: không dùng ({reason})",
            "en": "  – {name}: not used ({reason})",
        },
        "ex.p_median": {
            "vi": "Xác suất đạt (trung vị các mô hình): {p} (từ {lo} đến {hi}) — {term}",
            "en": "Probability of meeting the target (median of the models): {p} "
            "(from {lo} to {hi}) — {term}",
        },
    }
)


# Words text.py looks up by code: likelihood terms, target types, observation kinds,
# qualifiers, trend models, short phrases (text.ui) and units.
LIKELIHOOD_LABELS = {
    "virtually_certain": {"vi": "gần như chắc chắn", "en": "virtually certain"},
    "very_likely": {"vi": "rất có khả năng", "en": "very likely"},
    "likely": {"vi": "có khả năng", "en": "likely"},
    "about_as_likely_as_not": {"vi": "khả năng ngang nhau", "en": "about as likely as not"},
    "unlikely": {"vi": "ít có khả năng", "en": "unlikely"},
    "very_unlikely": {"vi": "rất ít có khả năng", "en": "very unlikely"},
    "exceptionally_unlikely": {"vi": "hầu như không thể", "en": "exceptionally unlikely"},
}

TYPE_LABELS = {
    "at_least": {"vi": "tối thiểu", "en": "at least"},
    "at_most": {"vi": "tối đa", "en": "at most"},
    "band": {"vi": "trong khoảng", "en": "within"},
    "growth_above": {"vi": "tăng trên", "en": "growth above"},
    "growth_at_least": {"vi": "tăng ít nhất", "en": "growth of at least"},
}

OBS_STATUS_LABELS = {
    "actual": {"vi": "số chính thức", "en": "actual"},
    "preliminary": {"vi": "số sơ bộ", "en": "preliminary"},
    "estimate": {"vi": "số ước tính", "en": "estimate"},
    "derived": {"vi": "số suy ra", "en": "derived"},
    "scenario": {"vi": "số giả định", "en": "scenario"},
}

QUALIFIER_WORDS = {
    "about": {"vi": "khoảng", "en": "about"},
    "more_than": {"vi": "hơn", "en": "more than"},
    "less_than": {"vi": "dưới", "en": "less than"},
}

MODEL_LABELS = {
    "linear": {"vi": "xu hướng tuyến tính", "en": "linear trend"},
    "log_linear": {"vi": "xu hướng log-tuyến tính", "en": "log-linear trend"},
    "logit": {"vi": "xu hướng logit", "en": "logit trend"},
    "rw_drift": {"vi": "bước ngẫu nhiên có xu hướng", "en": "random walk with drift"},
    "growth_iid": {"vi": "mô hình mức tăng độc lập", "en": "independent-growth model"},
}

# Short words and phrases of the report, the charts and `cnht history` (text.ui).
UI: dict[str, dict[str, str]] = {
    "year": {"vi": "năm", "en": "year"},
    "per_year": {"vi": "/năm", "en": "/yr"},
    "none": {"vi": "chưa có", "en": "none"},
    "threshold": {"vi": "ngưỡng", "en": "threshold"},
    "met_from": {"vi": "tính đạt từ {c}", "en": "met from {c}"},
    "by_year": {"vi": "năm {year}", "en": "by {year}"},
    "every_year": {"vi": "mỗi năm {w0}–{w1}", "en": "every year {w0}–{w1}"},
    "in_year": {"vi": "năm {year}", "en": "in {year}"},
    "synthetic": {"vi": "DỮ LIỆU TỔNG HỢP (SYNTHETIC)", "en": "SYNTHETIC DATA"},
    # charts
    "obs_actual": {"vi": "Số chính thức", "en": "Actual"},
    "obs_preliminary": {"vi": "Số sơ bộ", "en": "Preliminary"},
    "obs_estimate": {"vi": "Số ước tính", "en": "Estimate"},
    "obs_derived": {"vi": "Số suy ra (do chúng tôi tính)", "en": "Derived (computed by us)"},
    "obs_more_than": {"vi": "Giới hạn dưới (“hơn …”)", "en": "Lower bound (“more than …”)"},
    "obs_less_than": {"vi": "Giới hạn trên (“dưới …”)", "en": "Upper bound (“less than …”)"},
    "target_marker": {"vi": "Mục tiêu (màu = trạng thái)", "en": "Target (colour = status)"},
    "growth_target_line": {"vi": "Mức tăng mục tiêu", "en": "Target growth"},
    "fan80": {"vi": "Dự báo: khoảng 80 %", "en": "Forecast: 80% interval"},
    "fan95": {"vi": "Dự báo: khoảng 95 %", "en": "Forecast: 95% interval"},
    "forecast_mean": {"vi": "Dự báo trung tâm ({model})", "en": "Central forecast ({model})"},
    "context": {
        "vi": "Bối cảnh, không phải chỉ tiêu này: {name}",
        "en": "Context, not this indicator: {name}",
    },
    "break": {"vi": "định nghĩa thay đổi", "en": "definition changed"},
    "after_as_of": {"vi": "sau năm đánh giá", "en": "after the as-of year"},
    "axis_year": {"vi": "Năm", "en": "Year"},
    "no_observations": {"vi": "Chưa có số liệu quan sát nào", "en": "No observations yet"},
    # the history of verdicts (`cnht history`, "since last year")
    "history_title": {
        "vi": "{region} — diễn biến đánh giá, tính đến các năm {y0}–{y1}",
        "en": "{region} — verdicts as of each year {y0}–{y1}",
    },
    "col_target": {"vi": "Mục tiêu", "en": "Target"},
    "col_year": {"vi": "Năm MT", "en": "Year"},
    "col_runs": {"vi": "Trạng thái theo năm đánh giá", "en": "Status by as-of year"},
    "override_note": {"vi": "* trạng thái do Sở quyết định", "en": "* manual status"},
    "summary": {
        "vi": "So với đánh giá tính đến năm {prev}: {parts}.",
        "en": "Compared with the assessment as of {prev}: {parts}.",
    },
    "n_improved": {"vi": "{n} mục tiêu cải thiện", "en": "{n} improved"},
    "n_worsened": {"vi": "{n} mục tiêu xấu đi", "en": "{n} worsened"},
    "n_unchanged": {"vi": "{n} không đổi", "en": "{n} unchanged"},
    "n_not_comparable": {
        "vi": "{n} không so sánh được (một trong hai năm chưa đủ số liệu)",
        "en": "{n} not comparable (unable to assess in one of the two years)",
    },
    "n_new": {"vi": "{n} mục tiêu mới", "en": "{n} new"},
    "improved": {
        "vi": "{label}: cải thiện từ “{old}” lên “{new}” — {why}.",
        "en": "{label}: improved from “{old}” to “{new}” — {why}.",
    },
    "worsened": {
        "vi": "{label}: xấu đi từ “{old}” xuống “{new}” — {why}.",
        "en": "{label}: worsened from “{old}” to “{new}” — {why}.",
    },
    "not_comparable": {
        "vi": "{label}: từ “{old}” thành “{new}” — {why}.",
        "en": "{label}: from “{old}” to “{new}” — {why}.",
    },
    "new_targets": {
        "vi": "Đánh giá lần đầu: {labels}.",
        "en": "Assessed for the first time: {labels}.",
    },
    "nothing_moved": {
        "vi": "Không mục tiêu nào thay đổi trạng thái.",
        "en": "No verdict changed.",
    },
    "label": {"vi": "{name} (mục tiêu năm {year})", "en": "{name} (target for {year})"},
    "why_new_data": {"vi": "số liệu mới: {items}", "en": "new data: {items}"},
    "why_revised": {"vi": "số liệu được điều chỉnh: {items}", "en": "revised figures: {items}"},
    "revision": {"vi": "năm {year} từ {old} thành {new}", "en": "{year} from {old} to {new}"},
    "revision_dropped": {"vi": "năm {year} ({old}) bị bỏ", "en": "{year} ({old}) withdrawn"},
    "why_target_year": {
        "vi": "đã đến năm mục tiêu {year}, nay đánh giá theo số liệu của chính năm đó",
        "en": "the target year {year} has arrived, so the verdict now rests on that year's figure",
    },
    "why_target_year_no_data": {
        "vi": "đã đến năm mục tiêu {year} nhưng chưa có số liệu của năm đó",
        "en": "the target year {year} has arrived but there is no figure for it yet",
    },
    "why_override": {"vi": "trạng thái do Sở quyết định", "en": "a manual status"},
    "why_none": {
        "vi": "không có số liệu mới cho chỉ tiêu này",
        "en": "no new data for this indicator",
    },
    "revisions_unknown": {
        "vi": "Việc điều chỉnh số liệu của các năm trước không phát hiện được vì không có bản dữ "
        "liệu đã dùng cho đánh giá năm {prev}; cả hai năm được đánh giá trên cùng bộ số liệu "
        "hiện nay.",
        "en": "Revised figures for earlier years cannot be detected because the data used for "
        "the {prev} assessment were not supplied; both years are assessed on today's data.",
    },
    "chart_title": {"vi": "Trạng thái qua các năm đánh giá", "en": "Status by as-of year"},
    "chart_xlabel": {"vi": "Tính đến năm", "en": "As of"},
    "chart_target_year": {"vi": "khung đậm: năm mục tiêu", "en": "bold frame: target year"},
    "chart_not_set": {"vi": "trống: chưa có mục tiêu", "en": "blank: not yet set"},
}

UNIT_LABELS = {
    "count": {"vi": "Số lượng", "en": "Number"},
    "percent": {"vi": "%", "en": "%"},
    "growth_pct": {"vi": "% so với năm trước", "en": "% on the previous year"},
    "index": {"vi": "Chỉ số", "en": "Index"},
    "bn_vnd": {"vi": "Tỷ đồng", "en": "Billion VND"},
    "ha": {"vi": "ha", "en": "ha"},
}

for _prefix, _group in (
    ("likelihood", LIKELIHOOD_LABELS),
    ("type", TYPE_LABELS),
    ("obs", OBS_STATUS_LABELS),
    ("qualifier", QUALIFIER_WORDS),
    ("model", MODEL_LABELS),
    ("ui", UI),
    ("unit", UNIT_LABELS),
):
    for _code, _w in _group.items():
        CATALOGUE[f"{_prefix}.{_code}"] = _w

# number, date and list forms, the terminal table (text.py)
CATALOGUE.update(
    {
        "flag.skipped_model": {
            "vi": "không dùng được mô hình {name}",
            "en": "the {name} could not be used",
        },
        "flag.other": {"vi": "một lưu ý khác", "en": "another caveat"},
        "num.percent": {"vi": "{n} %", "en": "{n}%"},
        "num.bn_vnd": {"vi": "{n} tỷ đồng", "en": "{n} bn VND"},
        "date": {"vi": "ngày {day} {month} năm {year}", "en": "{day} {month} {year}"},
        "datetime": {
            "vi": "{time} {date} (giờ Hà Nội, UTC+7)",
            "en": "{time}, {date} (Hanoi time, UTC+7)",
        },
        "join.last": {"vi": "{items} và {last}", "en": "{items} and {last}"},
        "table.target": {"vi": "Mục tiêu", "en": "Target"},
        "table.year": {"vi": "Năm", "en": "Year"},
        "table.threshold": {"vi": "Ngưỡng", "en": "Threshold"},
        "table.latest": {"vi": "Mới nhất", "en": "Latest"},
        "table.ratio": {"vi": "Tỷ số", "en": "Ratio"},
        "table.p_attain": {"vi": "Khả năng", "en": "P(attain)"},
        "table.status": {"vi": "Trạng thái", "en": "Status"},
        "table.title": {
            "vi": "{region} — đánh giá tính đến năm {as_of}",
            "en": "{region} — assessment as of {as_of}",
        },
    }
)

# the back test on past plans (skill.py)
CATALOGUE.update(
    {
        "skill.sentence": {
            "vi": "Độ tin cậy của các đánh giá, kiểm chứng{of} của {plans} đã biết kết quả: hai "
            "năm trước hạn, mục tiêu {rated}; xác suất đạt {verdict} dự đoán theo tỷ lệ chung "
            "(điểm Brier {bs} so với {br}; càng thấp càng tốt) — bảng đầy đủ: {link} của "
            "cnht-analysis.",
            "en": "How far these verdicts can be trusted, tested{of} of {plans} whose outcomes "
            "are known: two years before the deadline, of the targets {rated}; the probability "
            "of attainment {verdict} the plain base rate (Brier score {bs} against {br}; lower "
            "is better) — full table: {link} of cnht-analysis.",
        },
        "skill.of_cases": {"vi": " trên {n} mục tiêu", "en": " on {n} targets"},
        "skill.plans": {"vi": "các kế hoạch {span}", "en": "the {span} plans"},
        "skill.past_plans": {"vi": "các kế hoạch trước đây", "en": "past plans"},
        "skill.rated": {
            "vi": "được đánh giá “{word}” thì {a}/{n} lần đã đạt",
            "en": "rated “{word}”, {a}/{n} were achieved",
        },
        "skill.beats": {"vi": "tốt hơn", "en": "beats"},
        "skill.does_not_beat": {"vi": "chưa tốt hơn", "en": "does not yet beat"},
        "skill.col.target": {"vi": "mục tiêu", "en": "target"},
        "skill.col.year": {"vi": "năm", "en": "year"},
        "skill.col.outcome": {"vi": "kết quả công bố", "en": "declared outcome"},
        "skill.outcome.achieved": {"vi": "Đạt", "en": "achieved"},
        "skill.outcome.missed": {"vi": "Không đạt", "en": "not achieved"},
        "skill.col.lead": {"vi": "hạn", "en": "lead"},
        "skill.col.cases": {"vi": "số ca", "en": "cases"},
        "skill.col.scored": {"vi": "có xác suất", "en": "with p_attain"},
        "skill.col.brier": {"vi": "Brier p_attain", "en": "Brier p_attain"},
        "skill.col.reliability": {"vi": "độ tin cậy", "en": "reliability"},
        "skill.col.resolution": {"vi": "độ phân giải", "en": "resolution"},
        "skill.col.uncertainty": {"vi": "bất định", "en": "uncertainty"},
        "skill.col.brier_base_rate": {"vi": "Brier tỷ lệ chung", "en": "Brier base rate"},
        "skill.col.brier_persistence": {"vi": "Brier giữ nguyên", "en": "Brier persistence"},
        "skill.col.status": {"vi": "đánh giá", "en": "status"},
        "skill.col.hits": {"vi": "đã đạt / số ca", "en": "achieved / cases"},
    }
)

# what-if figures (scenario.py)
CATALOGUE.update(
    {
        "scenario.header": {
            "vi": "GIẢ ĐỊNH (không phải số liệu, không ghi vào data/): {items}",
            "en": "SCENARIO (not data, nothing written to data/): {items}",
        },
        "scenario.marker": {"vi": "[giả định] ", "en": "[scenario] "},
    }
)

# chart legends and notes (plots.py)
CATALOGUE.update(
    {
        "chart.old_definition": {
            "vi": "Định nghĩa cũ (không so sánh được)",
            "en": "Old definition (not comparable)",
        },
        "chart.inferred_target": {
            "vi": "Mục tiêu suy ra (không có trong văn bản)",
            "en": "Inferred target (not in the text)",
        },
        "chart.no_chart": {
            "vi": "Chưa có số liệu nào của chỉ tiêu này đến năm {year}, nên không có biểu đồ.",
            "en": "No figures of this indicator up to {year}, so there is no chart.",
        },
        "chart.avail_observed": {"vi": "Số chính thức", "en": "Observed"},
        "chart.avail_derived": {"vi": "Số suy ra", "en": "Derived"},
        "chart.avail_bound": {"vi": "Giới hạn (“hơn/dưới …”)", "en": "Bound (“more/less than …”)"},
        "chart.avail_estimate": {"vi": "Ước tính hoặc sơ bộ", "en": "Estimate or preliminary"},
        "chart.avail_missing": {"vi": "Chưa có số liệu", "en": "Missing"},
        "chart.avail_title": {"vi": "Số liệu có được theo năm", "en": "Data available by year"},
    }
)

# the terminal table of `cnht assess` (assess_table.py)
CATALOGUE.update(
    {
        "obs_short.preliminary": {"vi": "sơ bộ", "en": "preliminary"},
        "obs_short.estimate": {"vi": "ước tính", "en": "estimate"},
        "obs_short.derived": {"vi": "suy ra", "en": "derived"},
        "obs_short.scenario": {"vi": "GIẢ ĐỊNH", "en": "SCENARIO"},
        "assess.col.indicator": {"vi": "Chỉ tiêu", "en": "Target"},
        "assess.col.year": {"vi": "Năm", "en": "Year"},
        "assess.col.aim": {"vi": "Mục tiêu", "en": "Aim"},
        "assess.col.latest": {"vi": "Số mới nhất", "en": "Latest figure"},
        "assess.col.needed": {"vi": "Cần từ nay", "en": "Needed from now"},
        "assess.col.p_attain": {"vi": "Khả năng đạt", "en": "P(attain)"},
        "assess.col.status": {"vi": "Trạng thái", "en": "Status"},
        "assess.col.sources": {"vi": "Nguồn", "en": "Sources"},
        "assess.inferred": {"vi": " (suy ra)", "en": " (inferred)"},
        "assess.summary": {"vi": "Tổng hợp: {summary}", "en": "Summary: {summary}"},
        "assess.override_note": {
            "vi": "* trạng thái do Sở điều chỉnh (xem cnht explain)",
            "en": "* status set by a manual override (see cnht explain)",
        },
        "assess.sources": {"vi": "Nguồn:", "en": "Sources:"},
    }
)

# the frames of explore.ipynb (explore.py) and the exported page (export.py)
CATALOGUE.update(
    {
        "explore.col.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
        "explore.col.unit": {"vi": "Đơn vị", "en": "Unit"},
        "explore.col.derive": {"vi": "Cách tính", "en": "Computed as"},
        "explore.col.year": {"vi": "Năm", "en": "Year"},
        "explore.col.figure": {"vi": "Số liệu", "en": "Figure"},
        "explore.col.kind": {"vi": "Loại số liệu", "en": "Kind"},
        "explore.col.source": {"vi": "Nguồn", "en": "Source"},
        "explore.col.note": {"vi": "Ghi chú", "en": "Note"},
        "explore.col.target": {"vi": "Chỉ tiêu", "en": "Target"},
        "explore.col.plan": {"vi": "Kế hoạch", "en": "Plan"},
        "explore.col.aim": {"vi": "Mục tiêu", "en": "Aim"},
        "explore.col.latest": {"vi": "Số mới nhất", "en": "Latest figure"},
        "explore.col.needed": {"vi": "Cần từ nay", "en": "Needed from now"},
        "explore.col.status": {"vi": "Trạng thái", "en": "Status"},
        "explore.col.p": {"vi": "Khả năng đạt", "en": "Probability"},
        "explore.col.before": {"vi": "Trước", "en": "Before"},
        "explore.col.after": {"vi": "Sau", "en": "After"},
        "explore.unit.count": {"vi": "số lượng", "en": "number"},
        "explore.unit.percent": {"vi": "phần trăm (%)", "en": "per cent (%)"},
        "explore.unit.growth_pct": {"vi": "% so với năm trước", "en": "% on the previous year"},
        "explore.unit.index": {"vi": "chỉ số", "en": "index"},
        "explore.derive.share": {"vi": "{a} ÷ {b} (tỷ lệ %)", "en": "{a} ÷ {b} (as %)"},
        "explore.derive.growth": {
            "vi": "mức tăng hằng năm của {name}",
            "en": "yearly growth of {name}",
        },
        "explore.derive.index": {
            "vi": "chỉ số tích luỹ từ {name}",
            "en": "index chained from {name}",
        },
        "export.image_alt": {"vi": "Biểu đồ", "en": "Chart"},
        "export.title": {
            "vi": "Báo cáo đánh giá công nghiệp hỗ trợ",
            "en": "Supporting-industry assessment",
        },
    }
)
