WITH "t11" AS (
  SELECT
    "t10"."month",
    "t10"."akasse",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t9"."akasse",
      "t9"."start_dato",
      "t9"."slut_or_open",
      "t9"."next_start",
      "t6"."month",
      "t6"."week_start",
      "t6"."week_end"
    FROM (
      SELECT
        "t7"."akasse",
        "t7"."start_dato",
        "t7"."slut_or_open",
        LEAD("t7"."start_dato") OVER (
          PARTITION BY "t7"."person_id"
          ORDER BY "t7"."start_dato" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) AS "next_start"
      FROM (
        SELECT
          "t3"."forloeb_id",
          "t3"."person_id",
          "t3"."akasse",
          "t3"."start_dato",
          "t3"."slut_dato",
          "t3"."slut_aarsag",
          COALESCE("t3"."slut_dato", MAKE_DATE(9999, 12, 31)) AS "slut_or_open",
          CAST(EXTRACT(year FROM "t3"."slut_dato") AS TEXT) || 'M' || CASE
            WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t3"."slut_dato") AS TEXT))
            THEN CAST(EXTRACT(month FROM "t3"."slut_dato") AS TEXT)
            ELSE CONCAT(
              REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t3"."slut_dato") AS TEXT))),
              CAST(EXTRACT(month FROM "t3"."slut_dato") AS TEXT)
            )
          END AS "slut_month"
        FROM "forloeb" AS "t3"
      ) AS "t7"
    ) AS "t9"
    INNER JOIN "memtable_0" AS "t6"
      ON "t9"."start_dato" <= "t6"."week_end"
      AND "t9"."slut_or_open" >= "t6"."week_start"
      AND (
        (
          "t9"."next_start" IS NULL
        ) OR (
          "t9"."next_start" > "t6"."week_end"
        )
      )
  ) AS "t10"
  GROUP BY
    1,
    2
), "t15" AS (
  SELECT
    *
  FROM "t11" AS "t12"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      "t13"."month",
      'ALLE' AS "akasse",
      "t13"."n"
    FROM (
      SELECT
        "t12"."month",
        SUM("t12"."n") AS "n"
      FROM "t11" AS "t12"
      GROUP BY
        1
    ) AS "t13"
  ) AS "t14"
)
SELECT
  "t4"."month",
  "t4"."akasse",
  "t4"."category",
  CASE
    WHEN CAST(COALESCE("t23"."d", 0) AS DOUBLE) > 0
    THEN CAST(COALESCE("t19"."n", 0) AS DOUBLE) / CAST(COALESCE("t23"."d", 0) AS DOUBLE)
    ELSE CAST(NULL AS DOUBLE)
  END AS "value",
  CAST(COALESCE("t23"."d", 0) AS DOUBLE) AS "denominator"
FROM "memtable_1" AS "t4"
LEFT OUTER JOIN (
  SELECT
    "t16"."month",
    "t16"."akasse",
    '' AS "category",
    "t16"."n"
  FROM "t15" AS "t16"
) AS "t19"
  ON "t4"."month" = "t19"."month"
  AND "t4"."akasse" = "t19"."akasse"
  AND "t4"."category" = "t19"."category"
LEFT OUTER JOIN (
  SELECT
    '2022M04' AS "month",
    "t21"."akasse",
    "t21"."d"
  FROM (
    SELECT
      "t5"."akasse",
      "t20"."d"
    FROM "memtable_2" AS "t5"
    CROSS JOIN (
      SELECT
        "t16"."n" AS "d"
      FROM "t15" AS "t16"
      WHERE
        "t16"."akasse" = 'ALLE'
    ) AS "t20"
  ) AS "t21"
) AS "t23"
  ON "t4"."month" = "t23"."month" AND "t4"."akasse" = "t23"."akasse"
