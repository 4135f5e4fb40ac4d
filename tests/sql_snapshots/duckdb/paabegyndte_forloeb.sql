WITH "t3" AS (
  SELECT
    "t1"."forloeb_id",
    "t1"."person_id",
    "t1"."akasse",
    "t1"."start_dato",
    "t1"."slut_dato",
    "t1"."slut_aarsag",
    COALESCE("t1"."slut_dato", MAKE_DATE(9999, 12, 31)) AS "slut_or_open",
    CAST(EXTRACT(year FROM "t1"."slut_dato") AS TEXT) || 'M' || CASE
      WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t1"."slut_dato") AS TEXT))
      THEN CAST(EXTRACT(month FROM "t1"."slut_dato") AS TEXT)
      ELSE CONCAT(
        REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t1"."slut_dato") AS TEXT))),
        CAST(EXTRACT(month FROM "t1"."slut_dato") AS TEXT)
      )
    END AS "slut_month",
    CAST(EXTRACT(year FROM "t1"."start_dato") AS TEXT) || 'M' || CASE
      WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t1"."start_dato") AS TEXT))
      THEN CAST(EXTRACT(month FROM "t1"."start_dato") AS TEXT)
      ELSE CONCAT(
        REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t1"."start_dato") AS TEXT))),
        CAST(EXTRACT(month FROM "t1"."start_dato") AS TEXT)
      )
    END AS "month"
  FROM "forloeb" AS "t1"
  WHERE
    "t1"."start_dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
)
SELECT
  "t2"."month",
  "t2"."akasse",
  "t2"."category",
  CAST(COALESCE("t10"."n", 0) AS DOUBLE) AS "value",
  CAST(NULL AS DOUBLE) AS "denominator"
FROM "memtable_0" AS "t2"
LEFT OUTER JOIN (
  SELECT
    "t8"."month",
    "t8"."akasse",
    '' AS "category",
    "t8"."n"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t4"."month",
        "t4"."akasse",
        COUNT(*) AS "n"
      FROM "t3" AS "t4"
      GROUP BY
        1,
        2
    ) AS "t5"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t6"."month",
        'ALLE' AS "akasse",
        "t6"."n"
      FROM (
        SELECT
          "t4"."month",
          COUNT(*) AS "n"
        FROM "t3" AS "t4"
        GROUP BY
          1
      ) AS "t6"
    ) AS "t7"
  ) AS "t8"
) AS "t10"
  ON "t2"."month" = "t10"."month"
  AND "t2"."akasse" = "t10"."akasse"
  AND "t2"."category" = "t10"."category"
