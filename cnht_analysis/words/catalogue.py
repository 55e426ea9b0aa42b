"""Every vi/en string of the presentation, keyed. Vietnamese pages show only these words."""

from __future__ import annotations

from ..status import LABELS

CATALOGUE: dict[str, dict[str, str]] = {}

for _code, _w in LABELS.items():
    CATALOGUE[f"status.{_code}"] = dict(_w)

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
