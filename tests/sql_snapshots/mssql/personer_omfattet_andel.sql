WITH [t22] AS (
  SELECT
    [t21].[month],
    [t21].[akasse],
    [t21].[n]
  FROM (
    SELECT
      [t20].[month],
      [t20].[akasse],
      SUM([t20].[delta]) AS [n]
    FROM (
      SELECT
        [t19].[akasse],
        [t19].[index],
        [t19].[delta],
        [t6].[month],
        [t6].[month_index]
      FROM (
        SELECT
          [t17].[akasse],
          [t17].[index],
          SUM([t17].[delta]) AS [delta]
        FROM (
          SELECT
            *
          FROM (
            SELECT
              *
            FROM (
              SELECT
                [t3].[akasse],
                (
                  (
                    DATEPART(year, [t3].[start_dato]) * 12
                  ) + DATEPART(month, [t3].[start_dato])
                ) - 1 AS [index],
                1 AS [delta]
              FROM [forloeb] AS [t3]
            ) AS [t7]
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                [t3].[akasse],
                (
                  (
                    (
                      (
                        DATEPART(year, [t3].[slut_dato]) * 12
                      ) + DATEPART(month, [t3].[slut_dato])
                    ) - 1
                  ) - CASE
                    WHEN DATEPART(day, [t3].[slut_dato]) > (
                      CASE
                        WHEN DATEPART(month, [t3].[slut_dato]) IN (4, 6, 9, 11)
                        THEN 30
                        WHEN DATEPART(month, [t3].[slut_dato]) = 2
                        THEN CASE
                          WHEN (
                            (
                              (
                                DATEPART(year, [t3].[slut_dato]) % 4
                              ) = 0
                            )
                            AND (
                              (
                                DATEPART(year, [t3].[slut_dato]) % 100
                              ) <> 0
                            )
                          )
                          OR (
                            (
                              DATEPART(year, [t3].[slut_dato]) % 400
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
                ) + 1 AS [index],
                -1 AS [delta]
              FROM [forloeb] AS [t3]
              WHERE
                [t3].[slut_dato] IS NOT NULL
            ) AS [t12]
          ) AS [t13]
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              *
            FROM (
              SELECT
                [t10].[akasse],
                (
                  (
                    DATEPART(year, [t10].[slut_dato]) * 12
                  ) + DATEPART(month, [t10].[slut_dato])
                ) - 1 AS [index],
                -1 AS [delta]
              FROM (
                SELECT
                  [t3].[forloeb_id],
                  [t3].[person_id],
                  [t3].[akasse],
                  [t3].[start_dato],
                  [t3].[slut_dato],
                  [t3].[slut_aarsag],
                  COALESCE([t3].[slut_dato], DATEFROMPARTS(9999, 12, 31)) AS [slut_or_open],
                  IIF(
                    IIF(
                      CAST(DATEPART(year, [t3].[slut_dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
                      NULL,
                      CONCAT(CAST(DATEPART(year, [t3].[slut_dato]) AS VARCHAR(max)), 'M')
                    ) IS NULL
                    OR IIF(
                      2 <= LEN(CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max))),
                      CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max)),
                      RIGHT(
                        CONCAT(
                          REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max)))),
                          CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max))
                        ),
                        2
                      )
                    ) IS NULL,
                    NULL,
                    CONCAT(
                      IIF(
                        CAST(DATEPART(year, [t3].[slut_dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
                        NULL,
                        CONCAT(CAST(DATEPART(year, [t3].[slut_dato]) AS VARCHAR(max)), 'M')
                      ),
                      IIF(
                        2 <= LEN(CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max))),
                        CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max)),
                        RIGHT(
                          CONCAT(
                            REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max)))),
                            CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max))
                          ),
                          2
                        )
                      )
                    )
                  ) AS [slut_month]
                FROM [forloeb] AS [t3]
                WHERE
                  [t3].[slut_dato] IS NOT NULL
                  AND DATEPART(day, [t3].[slut_dato]) > (
                    CASE
                      WHEN DATEPART(month, [t3].[slut_dato]) IN (4, 6, 9, 11)
                      THEN 30
                      WHEN DATEPART(month, [t3].[slut_dato]) = 2
                      THEN CASE
                        WHEN (
                          (
                            (
                              DATEPART(year, [t3].[slut_dato]) % 4
                            ) = 0
                          )
                          AND (
                            (
                              DATEPART(year, [t3].[slut_dato]) % 100
                            ) <> 0
                          )
                        )
                        OR (
                          (
                            DATEPART(year, [t3].[slut_dato]) % 400
                          ) = 0
                        )
                        THEN 29
                        ELSE 28
                      END
                      ELSE 31
                    END - 7
                  )
              ) AS [t10]
              WHERE
                EXISTS(
                  SELECT
                    1
                  FROM (
                    SELECT
                      [t3].[person_id] AS [next_person],
                      [t3].[start_dato] AS [next_start]
                    FROM [forloeb] AS [t3]
                    WHERE
                      DATEPART(day, [t3].[start_dato]) > (
                        CASE
                          WHEN DATEPART(month, [t3].[start_dato]) IN (4, 6, 9, 11)
                          THEN 30
                          WHEN DATEPART(month, [t3].[start_dato]) = 2
                          THEN CASE
                            WHEN (
                              (
                                (
                                  DATEPART(year, [t3].[start_dato]) % 4
                                ) = 0
                              )
                              AND (
                                (
                                  DATEPART(year, [t3].[start_dato]) % 100
                                ) <> 0
                              )
                            )
                            OR (
                              (
                                DATEPART(year, [t3].[start_dato]) % 400
                              ) = 0
                            )
                            THEN 29
                            ELSE 28
                          END
                          ELSE 31
                        END - 7
                      )
                  ) AS [t11]
                  WHERE
                    [t10].[person_id] = [t11].[next_person]
                    AND (
                      (
                        (
                          DATEPART(year, [t10].[slut_dato]) * 12
                        ) + DATEPART(month, [t10].[slut_dato])
                      ) - 1
                    ) = (
                      (
                        (
                          DATEPART(year, [t11].[next_start]) * 12
                        ) + DATEPART(month, [t11].[next_start])
                      ) - 1
                    )
                    AND [t11].[next_start] > [t10].[slut_dato]
                )
            ) AS [t14]
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                [t10].[akasse],
                (
                  (
                    (
                      DATEPART(year, [t10].[slut_dato]) * 12
                    ) + DATEPART(month, [t10].[slut_dato])
                  ) - 1
                ) + 1 AS [index],
                1 AS [delta]
              FROM (
                SELECT
                  [t3].[forloeb_id],
                  [t3].[person_id],
                  [t3].[akasse],
                  [t3].[start_dato],
                  [t3].[slut_dato],
                  [t3].[slut_aarsag],
                  COALESCE([t3].[slut_dato], DATEFROMPARTS(9999, 12, 31)) AS [slut_or_open],
                  IIF(
                    IIF(
                      CAST(DATEPART(year, [t3].[slut_dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
                      NULL,
                      CONCAT(CAST(DATEPART(year, [t3].[slut_dato]) AS VARCHAR(max)), 'M')
                    ) IS NULL
                    OR IIF(
                      2 <= LEN(CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max))),
                      CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max)),
                      RIGHT(
                        CONCAT(
                          REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max)))),
                          CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max))
                        ),
                        2
                      )
                    ) IS NULL,
                    NULL,
                    CONCAT(
                      IIF(
                        CAST(DATEPART(year, [t3].[slut_dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
                        NULL,
                        CONCAT(CAST(DATEPART(year, [t3].[slut_dato]) AS VARCHAR(max)), 'M')
                      ),
                      IIF(
                        2 <= LEN(CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max))),
                        CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max)),
                        RIGHT(
                          CONCAT(
                            REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max)))),
                            CAST(DATEPART(month, [t3].[slut_dato]) AS VARCHAR(max))
                          ),
                          2
                        )
                      )
                    )
                  ) AS [slut_month]
                FROM [forloeb] AS [t3]
                WHERE
                  [t3].[slut_dato] IS NOT NULL
                  AND DATEPART(day, [t3].[slut_dato]) > (
                    CASE
                      WHEN DATEPART(month, [t3].[slut_dato]) IN (4, 6, 9, 11)
                      THEN 30
                      WHEN DATEPART(month, [t3].[slut_dato]) = 2
                      THEN CASE
                        WHEN (
                          (
                            (
                              DATEPART(year, [t3].[slut_dato]) % 4
                            ) = 0
                          )
                          AND (
                            (
                              DATEPART(year, [t3].[slut_dato]) % 100
                            ) <> 0
                          )
                        )
                        OR (
                          (
                            DATEPART(year, [t3].[slut_dato]) % 400
                          ) = 0
                        )
                        THEN 29
                        ELSE 28
                      END
                      ELSE 31
                    END - 7
                  )
              ) AS [t10]
              WHERE
                EXISTS(
                  SELECT
                    1
                  FROM (
                    SELECT
                      [t3].[person_id] AS [next_person],
                      [t3].[start_dato] AS [next_start]
                    FROM [forloeb] AS [t3]
                    WHERE
                      DATEPART(day, [t3].[start_dato]) > (
                        CASE
                          WHEN DATEPART(month, [t3].[start_dato]) IN (4, 6, 9, 11)
                          THEN 30
                          WHEN DATEPART(month, [t3].[start_dato]) = 2
                          THEN CASE
                            WHEN (
                              (
                                (
                                  DATEPART(year, [t3].[start_dato]) % 4
                                ) = 0
                              )
                              AND (
                                (
                                  DATEPART(year, [t3].[start_dato]) % 100
                                ) <> 0
                              )
                            )
                            OR (
                              (
                                DATEPART(year, [t3].[start_dato]) % 400
                              ) = 0
                            )
                            THEN 29
                            ELSE 28
                          END
                          ELSE 31
                        END - 7
                      )
                  ) AS [t11]
                  WHERE
                    [t10].[person_id] = [t11].[next_person]
                    AND (
                      (
                        (
                          DATEPART(year, [t10].[slut_dato]) * 12
                        ) + DATEPART(month, [t10].[slut_dato])
                      ) - 1
                    ) = (
                      (
                        (
                          DATEPART(year, [t11].[next_start]) * 12
                        ) + DATEPART(month, [t11].[next_start])
                      ) - 1
                    )
                    AND [t11].[next_start] > [t10].[slut_dato]
                )
            ) AS [t15]
          ) AS [t16]
        ) AS [t17]
        GROUP BY
          [t17].[akasse],
          [t17].[index]
      ) AS [t19]
      INNER JOIN [memtable_0] AS [t6]
        ON [t19].[index] <= [t6].[month_index]
    ) AS [t20]
    GROUP BY
      [t20].[month],
      [t20].[akasse]
  ) AS [t21]
  WHERE
    [t21].[n] <> 0
), [t26] AS (
  SELECT
    *
  FROM [t22] AS [t23]
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      [t24].[month],
      'ALLE' AS [akasse],
      [t24].[n]
    FROM (
      SELECT
        [t23].[month],
        SUM([t23].[n]) AS [n]
      FROM [t22] AS [t23]
      GROUP BY
        [t23].[month]
    ) AS [t24]
  ) AS [t25]
)
SELECT
  [t4].[month],
  [t4].[akasse],
  [t4].[category],
  CASE
    WHEN CAST(COALESCE([t34].[d], 0) AS FLOAT) > 0
    THEN CAST(COALESCE([t30].[n], 0) AS FLOAT) / CAST(COALESCE([t34].[d], 0) AS FLOAT)
    ELSE CAST(NULL AS FLOAT)
  END AS [value],
  CAST(COALESCE([t34].[d], 0) AS FLOAT) AS [denominator]
FROM [memtable_1] AS [t4]
LEFT OUTER JOIN (
  SELECT
    [t27].[month],
    [t27].[akasse],
    '' AS [category],
    [t27].[n]
  FROM [t26] AS [t27]
) AS [t30]
  ON [t4].[month] = [t30].[month]
  AND [t4].[akasse] = [t30].[akasse]
  AND [t4].[category] = [t30].[category]
LEFT OUTER JOIN (
  SELECT
    '2022M04' AS [month],
    [t32].[akasse],
    [t32].[d]
  FROM (
    SELECT
      [t5].[akasse],
      [t31].[d]
    FROM [memtable_2] AS [t5]
    CROSS JOIN (
      SELECT
        [t27].[n] AS [d]
      FROM [t26] AS [t27]
      WHERE
        [t27].[akasse] = 'ALLE'
    ) AS [t31]
  ) AS [t32]
) AS [t34]
  ON [t4].[month] = [t34].[month] AND [t4].[akasse] = [t34].[akasse]
