WITH "t20" AS (
  SELECT
    *
  FROM (
    SELECT
      "t18"."month",
      "t18"."akasse",
      SUM("t18"."delta") AS "n"
    FROM (
      SELECT
        "t17"."akasse",
        "t17"."index",
        "t17"."delta",
        "t4"."month",
        "t4"."month_index"
      FROM (
        SELECT
          "t15"."akasse",
          "t15"."index",
          SUM("t15"."delta") AS "delta"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t2"."akasse",
                (
                  (
                    EXTRACT(year FROM "t2"."start_dato") * 12
                  ) + EXTRACT(month FROM "t2"."start_dato")
                ) - 1 AS "index",
                1 AS "delta"
              FROM "forloeb" AS "t2"
            ) AS "t5"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t2"."akasse",
                (
                  (
                    (
                      (
                        EXTRACT(year FROM "t2"."slut_dato") * 12
                      ) + EXTRACT(month FROM "t2"."slut_dato")
                    ) - 1
                  ) - CASE
                    WHEN EXTRACT(day FROM "t2"."slut_dato") > (
                      CASE
                        WHEN EXTRACT(month FROM "t2"."slut_dato") IN (4, 6, 9, 11)
                        THEN 30
                        WHEN EXTRACT(month FROM "t2"."slut_dato") = 2
                        THEN CASE
                          WHEN (
                            (
                              (
                                EXTRACT(year FROM "t2"."slut_dato") % 4
                              ) = 0
                            )
                            AND (
                              (
                                EXTRACT(year FROM "t2"."slut_dato") % 100
                              ) <> 0
                            )
                          )
                          OR (
                            (
                              EXTRACT(year FROM "t2"."slut_dato") % 400
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
              FROM "forloeb" AS "t2"
              WHERE
                "t2"."slut_dato" IS NOT NULL
            ) AS "t10"
          ) AS "t11"
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t8"."akasse",
                (
                  (
                    EXTRACT(year FROM "t8"."slut_dato") * 12
                  ) + EXTRACT(month FROM "t8"."slut_dato")
                ) - 1 AS "index",
                -1 AS "delta"
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
                WHERE
                  "t2"."slut_dato" IS NOT NULL
                  AND EXTRACT(day FROM "t2"."slut_dato") > (
                    CASE
                      WHEN EXTRACT(month FROM "t2"."slut_dato") IN (4, 6, 9, 11)
                      THEN 30
                      WHEN EXTRACT(month FROM "t2"."slut_dato") = 2
                      THEN CASE
                        WHEN (
                          (
                            (
                              EXTRACT(year FROM "t2"."slut_dato") % 4
                            ) = 0
                          )
                          AND (
                            (
                              EXTRACT(year FROM "t2"."slut_dato") % 100
                            ) <> 0
                          )
                        )
                        OR (
                          (
                            EXTRACT(year FROM "t2"."slut_dato") % 400
                          ) = 0
                        )
                        THEN 29
                        ELSE 28
                      END
                      ELSE 31
                    END - 7
                  )
              ) AS "t8"
              WHERE
                EXISTS(
                  SELECT
                    1
                  FROM (
                    SELECT
                      "t2"."person_id" AS "next_person",
                      "t2"."start_dato" AS "next_start"
                    FROM "forloeb" AS "t2"
                    WHERE
                      EXTRACT(day FROM "t2"."start_dato") > (
                        CASE
                          WHEN EXTRACT(month FROM "t2"."start_dato") IN (4, 6, 9, 11)
                          THEN 30
                          WHEN EXTRACT(month FROM "t2"."start_dato") = 2
                          THEN CASE
                            WHEN (
                              (
                                (
                                  EXTRACT(year FROM "t2"."start_dato") % 4
                                ) = 0
                              )
                              AND (
                                (
                                  EXTRACT(year FROM "t2"."start_dato") % 100
                                ) <> 0
                              )
                            )
                            OR (
                              (
                                EXTRACT(year FROM "t2"."start_dato") % 400
                              ) = 0
                            )
                            THEN 29
                            ELSE 28
                          END
                          ELSE 31
                        END - 7
                      )
                  ) AS "t9"
                  WHERE
                    "t8"."person_id" = "t9"."next_person"
                    AND (
                      (
                        (
                          EXTRACT(year FROM "t8"."slut_dato") * 12
                        ) + EXTRACT(month FROM "t8"."slut_dato")
                      ) - 1
                    ) = (
                      (
                        (
                          EXTRACT(year FROM "t9"."next_start") * 12
                        ) + EXTRACT(month FROM "t9"."next_start")
                      ) - 1
                    )
                    AND "t9"."next_start" > "t8"."slut_dato"
                )
            ) AS "t12"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t8"."akasse",
                (
                  (
                    (
                      EXTRACT(year FROM "t8"."slut_dato") * 12
                    ) + EXTRACT(month FROM "t8"."slut_dato")
                  ) - 1
                ) + 1 AS "index",
                1 AS "delta"
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
                WHERE
                  "t2"."slut_dato" IS NOT NULL
                  AND EXTRACT(day FROM "t2"."slut_dato") > (
                    CASE
                      WHEN EXTRACT(month FROM "t2"."slut_dato") IN (4, 6, 9, 11)
                      THEN 30
                      WHEN EXTRACT(month FROM "t2"."slut_dato") = 2
                      THEN CASE
                        WHEN (
                          (
                            (
                              EXTRACT(year FROM "t2"."slut_dato") % 4
                            ) = 0
                          )
                          AND (
                            (
                              EXTRACT(year FROM "t2"."slut_dato") % 100
                            ) <> 0
                          )
                        )
                        OR (
                          (
                            EXTRACT(year FROM "t2"."slut_dato") % 400
                          ) = 0
                        )
                        THEN 29
                        ELSE 28
                      END
                      ELSE 31
                    END - 7
                  )
              ) AS "t8"
              WHERE
                EXISTS(
                  SELECT
                    1
                  FROM (
                    SELECT
                      "t2"."person_id" AS "next_person",
                      "t2"."start_dato" AS "next_start"
                    FROM "forloeb" AS "t2"
                    WHERE
                      EXTRACT(day FROM "t2"."start_dato") > (
                        CASE
                          WHEN EXTRACT(month FROM "t2"."start_dato") IN (4, 6, 9, 11)
                          THEN 30
                          WHEN EXTRACT(month FROM "t2"."start_dato") = 2
                          THEN CASE
                            WHEN (
                              (
                                (
                                  EXTRACT(year FROM "t2"."start_dato") % 4
                                ) = 0
                              )
                              AND (
                                (
                                  EXTRACT(year FROM "t2"."start_dato") % 100
                                ) <> 0
                              )
                            )
                            OR (
                              (
                                EXTRACT(year FROM "t2"."start_dato") % 400
                              ) = 0
                            )
                            THEN 29
                            ELSE 28
                          END
                          ELSE 31
                        END - 7
                      )
                  ) AS "t9"
                  WHERE
                    "t8"."person_id" = "t9"."next_person"
                    AND (
                      (
                        (
                          EXTRACT(year FROM "t8"."slut_dato") * 12
                        ) + EXTRACT(month FROM "t8"."slut_dato")
                      ) - 1
                    ) = (
                      (
                        (
                          EXTRACT(year FROM "t9"."next_start") * 12
                        ) + EXTRACT(month FROM "t9"."next_start")
                      ) - 1
                    )
                    AND "t9"."next_start" > "t8"."slut_dato"
                )
            ) AS "t13"
          ) AS "t14"
        ) AS "t15"
        GROUP BY
          1,
          2
      ) AS "t17"
      INNER JOIN "memtable_0" AS "t4"
        ON "t17"."index" <= "t4"."month_index"
    ) AS "t18"
    GROUP BY
      1,
      2
  ) AS "t19"
  WHERE
    "t19"."n" <> 0
)
SELECT
  "t3"."month",
  "t3"."akasse",
  "t3"."category",
  CAST(COALESCE("t26"."n", 0) AS DOUBLE PRECISION) AS "value",
  CAST(NULL AS DOUBLE PRECISION) AS "denominator"
FROM "memtable_1" AS "t3"
LEFT OUTER JOIN (
  SELECT
    "t24"."month",
    "t24"."akasse",
    '' AS "category",
    "t24"."n"
  FROM (
    SELECT
      *
    FROM "t20" AS "t21"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t22"."month",
        'ALLE' AS "akasse",
        "t22"."n"
      FROM (
        SELECT
          "t21"."month",
          SUM("t21"."n") AS "n"
        FROM "t20" AS "t21"
        GROUP BY
          1
      ) AS "t22"
    ) AS "t23"
  ) AS "t24"
) AS "t26"
  ON "t3"."month" = "t26"."month"
  AND "t3"."akasse" = "t26"."akasse"
  AND "t3"."category" = "t26"."category"
