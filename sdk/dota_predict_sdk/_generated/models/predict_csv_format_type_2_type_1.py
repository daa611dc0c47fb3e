from typing import Literal

PredictCsvFormatType2Type1 = Literal["csv", "json"]

PREDICT_CSV_FORMAT_TYPE_2_TYPE_1_VALUES: set[PredictCsvFormatType2Type1] = {
    "csv",
    "json",
}


def check_predict_csv_format_type_2_type_1(value: str) -> PredictCsvFormatType2Type1:
    if value in PREDICT_CSV_FORMAT_TYPE_2_TYPE_1_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PREDICT_CSV_FORMAT_TYPE_2_TYPE_1_VALUES!r}"
    )
