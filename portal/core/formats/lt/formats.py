# The Lithuanian norm: year, month in the genitive, day ("2026 m. lapkričio 30 d. 12:36"). Django's own
# Lithuanian module puts a comma before the time; the rest (input formats, numbers) is Django's.
DATE_FORMAT = r"Y \m. E j \d."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"Y \m. E j \d. H:i"
YEAR_MONTH_FORMAT = r"Y \m. F"
MONTH_DAY_FORMAT = r"E j \d."
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
