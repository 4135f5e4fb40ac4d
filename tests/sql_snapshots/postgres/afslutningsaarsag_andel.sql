WITH "t4" AS (
  SELECT
    "t3"."forloeb_id",
    "t3"."person_id",
    "t3"."akasse",
    "t3"."start_dato",
    "t3"."slut_dato",
    "t3"."slut_aarsag",
    "t3"."slut_or_open",
    "t3"."slut_month",
    "t3"."slut_month" AS "month",
    "t3"."slut_aarsag" AS "category"
  FROM (
    SELECT
      "t1"."forloeb_id",
      "t1"."person_id",
      "t1"."akasse",
      "t1"."start_dato",
      "t1"."slut_dato",
      "t1"."slut_aarsag",
      COALESCE("t1"."slut_dato", MAKE_DATE(9999, 12, 31)) AS "slut_or_open",
      CAST(EXTRACT(year FROM "t1"."slut_dato") AS VARCHAR) || 'M' || LPAD(
        CAST(EXTRACT(month FROM "t1"."slut_dato") AS VARCHAR),
        GREATEST(LENGTH(CAST(EXTRACT(month FROM "t1"."slut_dato") AS VARCHAR)), 2),
        '0'
      ) AS "slut_month"
    FROM "forloeb" AS "t1"
    WHERE
      "t1"."slut_dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
  ) AS "t3"
)
SELECT
  "t2"."month",
  "t2"."akasse",
  "t2"."category",
  CASE
    WHEN CAST(COALESCE("t17"."d", 0) AS DOUBLE PRECISION) > 0
    THEN CAST(COALESCE("t16"."n", 0) AS DOUBLE PRECISION) / CAST(COALESCE("t17"."d", 0) AS DOUBLE PRECISION)
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "value",
  CAST(COALESCE("t17"."d", 0) AS DOUBLE PRECISION) AS "denominator"
FROM "memtable_0" AS "t2"
LEFT OUTER JOIN (
  SELECT
    '' AS "month",
    "t12"."akasse",
    "t12"."category",
    "t12"."n"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t5"."category",
        "t5"."akasse",
        COUNT(*) AS "n"
      FROM "t4" AS "t5"
      GROUP BY
        1,
        2
    ) AS "t6"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t8"."category",
        'ALLE' AS "akasse",
        "t8"."n"
      FROM (
        SELECT
          "t5"."category",
          COUNT(*) AS "n"
        FROM "t4" AS "t5"
        GROUP BY
          1
      ) AS "t8"
    ) AS "t10"
  ) AS "t12"
) AS "t16"
  ON "t2"."month" = "t16"."month"
  AND "t2"."akasse" = "t16"."akasse"
  AND "t2"."category" = "t16"."category"
LEFT OUTER JOIN (
  SELECT
    '' AS "month",
    "t13"."akasse",
    "t13"."d"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t5"."akasse",
        COUNT(*) AS "d"
      FROM "t4" AS "t5"
      GROUP BY
        1
    ) AS "t7"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        'ALLE' AS "akasse",
        "t9"."d"
      FROM (
        SELECT
          COUNT(*) AS "d"
        FROM "t4" AS "t5"
      ) AS "t9"
    ) AS "t11"
  ) AS "t13"
) AS "t17"
  ON "t2"."month" = "t17"."month" AND "t2"."akasse" = "t17"."akasse"
