WITH "t9" AS (
  SELECT
    "t8"."month",
    "t8"."akasse",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t7"."akasse",
      "t7"."start_dato",
      "t7"."slut_or_open",
      "t7"."next_start",
      "t4"."month",
      "t4"."week_start",
      "t4"."week_end"
    FROM (
      SELECT
        "t5"."akasse",
        "t5"."start_dato",
        "t5"."slut_or_open",
        LEAD("t5"."start_dato") OVER (
          PARTITION BY "t5"."person_id"
          ORDER BY "t5"."start_dato" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) AS "next_start"
      FROM (
        SELECT
          "t2"."forloeb_id",
          "t2"."person_id",
          "t2"."akasse",
          "t2"."start_dato",
          "t2"."slut_dato",
          "t2"."slut_aarsag",
          COALESCE("t2"."slut_dato", MAKE_DATE(9999, 12, 31)) AS "slut_or_open",
          CAST(EXTRACT(year FROM "t2"."slut_dato") AS TEXT) || 'M' || CASE
            WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t2"."slut_dato") AS TEXT))
            THEN CAST(EXTRACT(month FROM "t2"."slut_dato") AS TEXT)
            ELSE CONCAT(
              REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t2"."slut_dato") AS TEXT))),
              CAST(EXTRACT(month FROM "t2"."slut_dato") AS TEXT)
            )
          END AS "slut_month"
        FROM "forloeb" AS "t2"
      ) AS "t5"
    ) AS "t7"
    INNER JOIN "memtable_0" AS "t4"
      ON "t7"."start_dato" <= "t4"."week_end"
      AND "t7"."slut_or_open" >= "t4"."week_start"
      AND (
        (
          "t7"."next_start" IS NULL
        ) OR (
          "t7"."next_start" > "t4"."week_end"
        )
      )
  ) AS "t8"
  GROUP BY
    1,
    2
)
SELECT
  "t3"."month",
  "t3"."akasse",
  "t3"."category",
  CAST(COALESCE("t15"."n", 0) AS DOUBLE) AS "value",
  CAST(NULL AS DOUBLE) AS "denominator"
FROM "memtable_1" AS "t3"
LEFT OUTER JOIN (
  SELECT
    "t13"."month",
    "t13"."akasse",
    '' AS "category",
    "t13"."n"
  FROM (
    SELECT
      *
    FROM "t9" AS "t10"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t11"."month",
        'ALLE' AS "akasse",
        "t11"."n"
      FROM (
        SELECT
          "t10"."month",
          SUM("t10"."n") AS "n"
        FROM "t9" AS "t10"
        GROUP BY
          1
      ) AS "t11"
    ) AS "t12"
  ) AS "t13"
) AS "t15"
  ON "t3"."month" = "t15"."month"
  AND "t3"."akasse" = "t15"."akasse"
  AND "t3"."category" = "t15"."category"
