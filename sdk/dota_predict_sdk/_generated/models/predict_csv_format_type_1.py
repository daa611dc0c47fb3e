from typing import Literal

PredictCsvFormatType1 = Literal["csv", "json"]

PREDICT_CSV_FORMAT_TYPE_1_VALUES: set[PredictCsvFormatType1] = {
    "csv",
    "json",
}


def check_predict_csv_format_type_1(value: str) -> PredictCsvFormatType1:
    if value in PREDICT_CSV_FORMAT_TYPE_1_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PREDICT_CSV_FORMAT_TYPE_1_VALUES!r}"
    )
