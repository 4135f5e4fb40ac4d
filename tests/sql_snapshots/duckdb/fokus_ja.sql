WITH "t15" AS (
  SELECT
    "t14"."forloeb_id",
    "t14"."akasse",
    "t14"."month",
    "t14"."unique_conversations",
    "t14"."focus_conversations",
    "t14"."focus_conversations" >= 2 AS "focus_met"
  FROM (
    SELECT
      "t8"."forloeb_id",
      "t8"."akasse",
      "t8"."month",
      COALESCE("t13"."unique_conversations", 0) AS "unique_conversations",
      COALESCE("t13"."focus_conversations", 0) AS "focus_conversations"
    FROM (
      SELECT
        "t1"."forloeb_id",
        "t1"."akasse",
        CAST(EXTRACT(year FROM "t1"."slut_dato") AS TEXT) || 'M' || CASE
          WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t1"."slut_dato") AS TEXT))
          THEN CAST(EXTRACT(month FROM "t1"."slut_dato") AS TEXT)
          ELSE CONCAT(
            REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t1"."slut_dato") AS TEXT))),
            CAST(EXTRACT(month FROM "t1"."slut_dato") AS TEXT)
          )
        END AS "month"
      FROM "forloeb" AS "t1"
      WHERE
        "t1"."slut_aarsag" = 'FULD_PERIODE'
        AND "t1"."slut_dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
    ) AS "t8"
    LEFT OUTER JOIN (
      SELECT
        "t11"."forloeb_id",
        COUNT(*) AS "unique_conversations",
        COUNT(*) FILTER(WHERE
          "t11"."counts_for_focus") AS "focus_conversations"
      FROM (
        SELECT
          "t10"."samtale_id",
          "t10"."dato",
          "t10"."has_cv",
          "t10"."has_job",
          "t10"."has_faelles_job",
          "t10"."has_raadighed",
          "t10"."counts_for_focus",
          "t10"."rows",
          "t10"."person_id",
          "t10"."forloeb_id",
          "t10"."akasse",
          CAST(EXTRACT(year FROM "t10"."dato") AS TEXT) || 'M' || CASE
            WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t10"."dato") AS TEXT))
            THEN CAST(EXTRACT(month FROM "t10"."dato") AS TEXT)
            ELSE CONCAT(
              REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t10"."dato") AS TEXT))),
              CAST(EXTRACT(month FROM "t10"."dato") AS TEXT)
            )
          END AS "month"
        FROM (
          SELECT
            "t7"."samtale_id",
            "t7"."dato",
            "t7"."has_cv",
            "t7"."has_job",
            "t7"."has_faelles_job",
            "t7"."has_raadighed",
            "t7"."counts_for_focus",
            "t7"."rows",
            "t7"."person_id",
            "t9"."forloeb_id",
            "t9"."akasse"
          FROM (
            SELECT
              "t2"."samtale_id",
              MIN("t2"."person_id") AS "person_id",
              MIN("t2"."dato") AS "dato",
              BOOL_OR("t2"."samtaletype" = 'CV') AS "has_cv",
              BOOL_OR("t2"."samtaletype" = 'JOB') AS "has_job",
              BOOL_OR("t2"."samtaletype" = 'FAELLES_JOB') AS "has_faelles_job",
              BOOL_OR("t2"."samtaletype" = 'RAADIGHED') AS "has_raadighed",
              BOOL_OR("t2"."samtaletype" IN ('JOB', 'FAELLES_JOB') AND "t2"."individuel") AS "counts_for_focus",
              COUNT(*) AS "rows"
            FROM "samtaler" AS "t2"
            GROUP BY
              1
          ) AS "t7"
          INNER JOIN (
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
          ) AS "t9"
            ON "t7"."person_id" = "t9"."person_id"
            AND "t7"."dato" >= "t9"."start_dato"
            AND "t7"."dato" <= "t9"."slut_or_open"
        ) AS "t10"
      ) AS "t11"
      GROUP BY
        1
    ) AS "t13"
      ON "t8"."forloeb_id" = "t13"."forloeb_id"
  ) AS "t14"
  WHERE
    "t14"."focus_conversations" >= 2
)
SELECT
  "t3"."month",
  "t3"."akasse",
  "t3"."category",
  CAST(COALESCE("t22"."n", 0) AS DOUBLE) AS "value",
  CAST(NULL AS DOUBLE) AS "denominator"
FROM "memtable_0" AS "t3"
LEFT OUTER JOIN (
  SELECT
    "t20"."month",
    "t20"."akasse",
    '' AS "category",
    "t20"."n"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t16"."month",
        "t16"."akasse",
        COUNT(*) AS "n"
      FROM "t15" AS "t16"
      GROUP BY
        1,
        2
    ) AS "t17"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t18"."month",
        'ALLE' AS "akasse",
        "t18"."n"
      FROM (
        SELECT
          "t16"."month",
          COUNT(*) AS "n"
        FROM "t15" AS "t16"
        GROUP BY
          1
      ) AS "t18"
    ) AS "t19"
  ) AS "t20"
) AS "t22"
  ON "t3"."month" = "t22"."month"
  AND "t3"."akasse" = "t22"."akasse"
  AND "t3"."category" = "t22"."category"
