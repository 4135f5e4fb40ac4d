WITH "t22" AS (
  SELECT
    *
  FROM (
    SELECT
      "t20"."month",
      "t20"."akasse",
      SUM("t20"."delta") AS "n"
    FROM (
      SELECT
        "t19"."akasse",
        "t19"."index",
        "t19"."delta",
        "t6"."month",
        "t6"."month_index"
      FROM (
        SELECT
          "t17"."akasse",
          "t17"."index",
          SUM("t17"."delta") AS "delta"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t3"."akasse",
                (
                  (
                    EXTRACT(year FROM "t3"."start_dato") * 12
                  ) + EXTRACT(month FROM "t3"."start_dato")
                ) - 1 AS "index",
                1 AS "delta"
              FROM "forloeb" AS "t3"
            ) AS "t7"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t3"."akasse",
                (
                  (
                    (
                      (
                        EXTRACT(year FROM "t3"."slut_dato") * 12
                      ) + EXTRACT(month FROM "t3"."slut_dato")
                    ) - 1
                  ) - CASE
                    WHEN EXTRACT(day FROM "t3"."slut_dato") > (
                      CASE
                        WHEN EXTRACT(month FROM "t3"."slut_dato") IN (4, 6, 9, 11)
                        THEN 30
                        WHEN EXTRACT(month FROM "t3"."slut_dato") = 2
                        THEN CASE
                          WHEN (
                            (
                              (
                                EXTRACT(year FROM "t3"."slut_dato") % 4
                              ) = 0
                            )
                            AND (
                              (
                                EXTRACT(year FROM "t3"."slut_dato") % 100
                              ) <> 0
                            )
                          )
                          OR (
                            (
                              EXTRACT(year FROM "t3"."slut_dato") % 400
                            ) = 0
                          )
                          THEN 29
                          ELSE 28
                        END
                        ELSE 31
                      END - 7
                    )
                    THEN 0
                    ELSE 1
                  END
                ) + 1 AS "index",
                -1 AS "delta"
              FROM "forloeb" AS "t3"
              WHERE
                "t3"."slut_dato" IS NOT NULL
            ) AS "t12"
          ) AS "t13"
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t10"."akasse",
                (
                  (
                    EXTRACT(year FROM "t10"."slut_dato") * 12
                  ) + EXTRACT(month FROM "t10"."slut_dato")
                ) - 1 AS "index",
                -1 AS "delta"
              FROM (
                SELECT
                  "t3"."forloeb_id",
                  "t3"."person_id",
                  "t3"."akasse",
                  "t3"."start_dato",
                  "t3"."slut_dato",
                  "t3"."slut_aarsag",
                  COALESCE("t3"."slut_dato", MAKE_DATE(9999, 12, 31)) AS "slut_or_open",
                  CAST(EXTRACT(year FROM "t3"."slut_dato") AS VARCHAR) || 'M' || LPAD(
                    CAST(EXTRACT(month FROM "t3"."slut_dato") AS VARCHAR),
                    GREATEST(LENGTH(CAST(EXTRACT(month FROM "t3"."slut_dato") AS VARCHAR)), 2),
                    '0'
                  ) AS "slut_month"
                FROM "forloeb" AS "t3"
                WHERE
                  "t3"."slut_dato" IS NOT NULL
                  AND EXTRACT(day FROM "t3"."slut_dato") > (
                    CASE
                      WHEN EXTRACT(month FROM "t3"."slut_dato") IN (4, 6, 9, 11)
                      THEN 30
                      WHEN EXTRACT(month FROM "t3"."slut_dato") = 2
                      THEN CASE
                        WHEN (
                          (
                            (
                              EXTRACT(year FROM "t3"."slut_dato") % 4
                            ) = 0
                          )
                          AND (
                            (
                              EXTRACT(year FROM "t3"."slut_dato") % 100
                            ) <> 0
                          )
                        )
                        OR (
                          (
                            EXTRACT(year FROM "t3"."slut_dato") % 400
                          ) = 0
                        )
                        THEN 29
                        ELSE 28
                      END
                      ELSE 31
                    END - 7
                  )
              ) AS "t10"
              WHERE
                EXISTS(
                  SELECT
                    1
                  FROM (
                    SELECT
                      "t3"."person_id" AS "next_person",
                      "t3"."start_dato" AS "next_start"
                    FROM "forloeb" AS "t3"
                    WHERE
                      EXTRACT(day FROM "t3"."start_dato") > (
                        CASE
                          WHEN EXTRACT(month FROM "t3"."start_dato") IN (4, 6, 9, 11)
                          THEN 30
                          WHEN EXTRACT(month FROM "t3"."start_dato") = 2
                          THEN CASE
                            WHEN (
                              (
                                (
                                  EXTRACT(year FROM "t3"."start_dato") % 4
                                ) = 0
                              )
                              AND (
                                (
                                  EXTRACT(year FROM "t3"."start_dato") % 100
                                ) <> 0
                              )
                            )
                            OR (
                              (
                                EXTRACT(year FROM "t3"."start_dato") % 400
                              ) = 0
                            )
                            THEN 29
                            ELSE 28
                          END
                          ELSE 31
                        END - 7
                      )
                  ) AS "t11"
                  WHERE
                    "t10"."person_id" = "t11"."next_person"
                    AND (
                      (
                        (
                          EXTRACT(year FROM "t10"."slut_dato") * 12
                        ) + EXTRACT(month FROM "t10"."slut_dato")
                      ) - 1
                    ) = (
                      (
                        (
                          EXTRACT(year FROM "t11"."next_start") * 12
                        ) + EXTRACT(month FROM "t11"."next_start")
                      ) - 1
                    )
                    AND "t11"."next_start" > "t10"."slut_dato"
                )
            ) AS "t14"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t10"."akasse",
                (
                  (
                    (
                      EXTRACT(year FROM "t10"."slut_dato") * 12
                    ) + EXTRACT(month FROM "t10"."slut_dato")
                  ) - 1
                ) + 1 AS "index",
                1 AS "delta"
              FROM (
                SELECT
                  "t3"."forloeb_id",
                  "t3"."person_id",
                  "t3"."akasse",
                  "t3"."start_dato",
                  "t3"."slut_dato",
                  "t3"."slut_aarsag",
                  COALESCE("t3"."slut_dato", MAKE_DATE(9999, 12, 31)) AS "slut_or_open",
                  CAST(EXTRACT(year FROM "t3"."slut_dato") AS VARCHAR) || 'M' || LPAD(
                    CAST(EXTRACT(month FROM "t3"."slut_dato") AS VARCHAR),
                    GREATEST(LENGTH(CAST(EXTRACT(month FROM "t3"."slut_dato") AS VARCHAR)), 2),
                    '0'
                  ) AS "slut_month"
                FROM "forloeb" AS "t3"
                WHERE
                  "t3"."slut_dato" IS NOT NULL
                  AND EXTRACT(day FROM "t3"."slut_dato") > (
                    CASE
                      WHEN EXTRACT(month FROM "t3"."slut_dato") IN (4, 6, 9, 11)
                      THEN 30
                      WHEN EXTRACT(month FROM "t3"."slut_dato") = 2
                      THEN CASE
                        WHEN (
                          (
                            (
                              EXTRACT(year FROM "t3"."slut_dato") % 4
                            ) = 0
                          )
                          AND (
                            (
                              EXTRACT(year FROM "t3"."slut_dato") % 100
                            ) <> 0
                          )
                        )
                        OR (
                          (
                            EXTRACT(year FROM "t3"."slut_dato") % 400
                          ) = 0
                        )
                        THEN 29
                        ELSE 28
                      END
                      ELSE 31
                    END - 7
                  )
              ) AS "t10"
              WHERE
                EXISTS(
                  SELECT
                    1
                  FROM (
                    SELECT
                      "t3"."person_id" AS "next_person",
                      "t3"."start_dato" AS "next_start"
                    FROM "forloeb" AS "t3"
                    WHERE
                      EXTRACT(day FROM "t3"."start_dato") > (
                        CASE
                          WHEN EXTRACT(month FROM "t3"."start_dato") IN (4, 6, 9, 11)
                          THEN 30
                          WHEN EXTRACT(month FROM "t3"."start_dato") = 2
                          THEN CASE
                            WHEN (
                              (
                                (
                                  EXTRACT(year FROM "t3"."start_dato") % 4
                                ) = 0
                              )
                              AND (
                                (
                                  EXTRACT(year FROM "t3"."start_dato") % 100
                                ) <> 0
                              )
                            )
                            OR (
                              (
                                EXTRACT(year FROM "t3"."start_dato") % 400
                              ) = 0
                            )
                            THEN 29
                            ELSE 28
                          END
                          ELSE 31
                        END - 7
                      )
                  ) AS "t11"
                  WHERE
                    "t10"."person_id" = "t11"."next_person"
                    AND (
                      (
                        (
                          EXTRACT(year FROM "t10"."slut_dato") * 12
                        ) + EXTRACT(month FROM "t10"."slut_dato")
                      ) - 1
                    ) = (
                      (
                        (
                          EXTRACT(year FROM "t11"."next_start") * 12
                        ) + EXTRACT(month FROM "t11"."next_start")
                      ) - 1
                    )
                    AND "t11"."next_start" > "t10"."slut_dato"
                )
            ) AS "t15"
          ) AS "t16"
        ) AS "t17"
        GROUP BY
          1,
          2
      ) AS "t19"
      INNER JOIN "memtable_0" AS "t6"
        ON "t19"."index" <= "t6"."month_index"
    ) AS "t20"
    GROUP BY
      1,
      2
  ) AS "t21"
  WHERE
    "t21"."n" <> 0
), "t26" AS (
  SELECT
    *
  FROM "t22" AS "t23"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      "t24"."month",
      'ALLE' AS "akasse",
      "t24"."n"
    FROM (
      SELECT
        "t23"."month",
        SUM("t23"."n") AS "n"
      FROM "t22" AS "t23"
      GROUP BY
        1
    ) AS "t24"
  ) AS "t25"
)
SELECT
  "t4"."month",
  "t4"."akasse",
  "t4"."category",
  CASE
    WHEN CAST(COALESCE("t34"."d", 0) AS DOUBLE PRECISION) > 0
    THEN CAST(COALESCE("t30"."n", 0) AS DOUBLE PRECISION) / CAST(COALESCE("t34"."d", 0) AS DOUBLE PRECISION)
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "value",
  CAST(COALESCE("t34"."d", 0) AS DOUBLE PRECISION) AS "denominator"
FROM "memtable_1" AS "t4"
LEFT OUTER JOIN (
  SELECT
    "t27"."month",
    "t27"."akasse",
    '' AS "category",
    "t27"."n"
  FROM "t26" AS "t27"
) AS "t30"
  ON "t4"."month" = "t30"."month"
  AND "t4"."akasse" = "t30"."akasse"
  AND "t4"."category" = "t30"."category"
LEFT OUTER JOIN (
  SELECT
    '2022M04' AS "month",
    "t32"."akasse",
    "t32"."d"
  FROM (
    SELECT
      "t5"."akasse",
      "t31"."d"
    FROM "memtable_2" AS "t5"
    CROSS JOIN (
      SELECT
        "t27"."n" AS "d"
      FROM "t26" AS "t27"
      WHERE
        "t27"."akasse" = 'ALLE'
    ) AS "t31"
  ) AS "t32"
) AS "t34"
  ON "t4"."month" = "t34"."month" AND "t4"."akasse" = "t34"."akasse"
