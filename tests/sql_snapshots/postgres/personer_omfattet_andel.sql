WITH "t11" AS (
  SELECT
    "t10"."month",
    "t10"."person_id",
    "t10"."akasse"
  FROM (
    SELECT
      "t9"."month",
      "t9"."person_id",
      "t9"."akasse",
      "t9"."start_dato",
      ROW_NUMBER() OVER (
        PARTITION BY "t9"."month", "t9"."person_id"
        ORDER BY "t9"."start_dato" DESC NULLS LAST
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ) - 1 AS "rank"
    FROM (
      SELECT
        "t6"."month",
        "t8"."person_id",
        "t8"."akasse",
        "t8"."start_dato"
      FROM (
        SELECT
          "t2"."forloeb_id",
          "t2"."person_id",
          "t2"."akasse",
          "t2"."start_dato",
          "t2"."slut_dato",
          "t2"."slut_aarsag",
          COALESCE("t2"."slut_dato", MAKE_DATE(9999, 12, 31)) AS "slut_or_open",
          CAST(EXTRACT(year FROM "t2"."slut_dato") AS VARCHAR) || 'M' || LPAD(
            CAST(EXTRACT(month FROM "t2"."slut_dato") AS VARCHAR),
            GREATEST(LENGTH(CAST(EXTRACT(month FROM "t2"."slut_dato") AS VARCHAR)), 2),
            '0'
          ) AS "slut_month"
        FROM "forloeb" AS "t2"
      ) AS "t8"
      INNER JOIN "memtable_0" AS "t6"
        ON "t8"."start_dato" <= "t6"."week_end" AND "t8"."slut_or_open" >= "t6"."week_start"
    ) AS "t9"
  ) AS "t10"
  WHERE
    "t10"."rank" = 0
)
SELECT
  "t4"."month",
  "t4"."akasse",
  "t4"."category",
  CASE
    WHEN CAST(COALESCE("t23"."d", 0) AS DOUBLE PRECISION) > 0
    THEN CAST(COALESCE("t22"."n", 0) AS DOUBLE PRECISION) / CAST(COALESCE("t23"."d", 0) AS DOUBLE PRECISION)
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "value",
  CAST(COALESCE("t23"."d", 0) AS DOUBLE PRECISION) AS "denominator"
FROM "memtable_1" AS "t4"
LEFT OUTER JOIN (
  SELECT
    "t18"."month",
    "t18"."akasse",
    '' AS "category",
    "t18"."n"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t12"."month",
        "t12"."akasse",
        COUNT(DISTINCT "t12"."person_id") AS "n"
      FROM "t11" AS "t12"
      GROUP BY
        1,
        2
    ) AS "t13"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t14"."month",
        'ALLE' AS "akasse",
        "t14"."n"
      FROM (
        SELECT
          "t12"."month",
          COUNT(DISTINCT "t12"."person_id") AS "n"
        FROM "t11" AS "t12"
        GROUP BY
          1
      ) AS "t14"
    ) AS "t17"
  ) AS "t18"
) AS "t22"
  ON "t4"."month" = "t22"."month"
  AND "t4"."akasse" = "t22"."akasse"
  AND "t4"."category" = "t22"."category"
LEFT OUTER JOIN (
  SELECT
    '2022M04' AS "month",
    "t19"."akasse",
    "t19"."d"
  FROM (
    SELECT
      "t5"."akasse",
      "t16"."d"
    FROM "memtable_2" AS "t5"
    CROSS JOIN (
      SELECT
        COUNT(DISTINCT "t12"."person_id") AS "d"
      FROM "t11" AS "t12"
    ) AS "t16"
  ) AS "t19"
) AS "t23"
  ON "t4"."month" = "t23"."month" AND "t4"."akasse" = "t23"."akasse"
