WITH "t9" AS (
  SELECT
    "t8"."month",
    "t8"."person_id",
    "t8"."akasse"
  FROM (
    SELECT
      "t7"."month",
      "t7"."person_id",
      "t7"."akasse",
      "t7"."start_dato",
      ROW_NUMBER() OVER (
        PARTITION BY "t7"."month", "t7"."person_id"
        ORDER BY "t7"."start_dato" DESC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ) - 1 AS "rank"
    FROM (
      SELECT
        "t4"."month",
        "t6"."person_id",
        "t6"."akasse",
        "t6"."start_dato"
      FROM (
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
          END AS "slut_month"
        FROM "forloeb" AS "t1"
      ) AS "t6"
      INNER JOIN "memtable_0" AS "t4"
        ON "t6"."start_dato" <= "t4"."week_end" AND "t6"."slut_or_open" >= "t4"."week_start"
    ) AS "t7"
  ) AS "t8"
  WHERE
    "t8"."rank" = 0
)
SELECT
  "t3"."month",
  "t3"."akasse",
  "t3"."category",
  CAST(COALESCE("t16"."n", 0) AS DOUBLE) AS "value",
  CAST(NULL AS DOUBLE) AS "denominator"
FROM "memtable_1" AS "t3"
LEFT OUTER JOIN (
  SELECT
    "t14"."month",
    "t14"."akasse",
    '' AS "category",
    "t14"."n"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t10"."month",
        "t10"."akasse",
        COUNT(DISTINCT "t10"."person_id") AS "n"
      FROM "t9" AS "t10"
      GROUP BY
        1,
        2
    ) AS "t11"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t12"."month",
        'ALLE' AS "akasse",
        "t12"."n"
      FROM (
        SELECT
          "t10"."month",
          COUNT(DISTINCT "t10"."person_id") AS "n"
        FROM "t9" AS "t10"
        GROUP BY
          1
      ) AS "t12"
    ) AS "t13"
  ) AS "t14"
) AS "t16"
  ON "t3"."month" = "t16"."month"
  AND "t3"."akasse" = "t16"."akasse"
  AND "t3"."category" = "t16"."category"
