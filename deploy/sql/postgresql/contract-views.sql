-- Contract views over the reference iGate-style schema (reference-schema.sql), PostgreSQL dialect.
--
-- These three views are all KpiIngest reads (docs: source-contract.md). Names, column names and meanings
-- are the contract; the FROM clauses are what an integrator rewrites for their own tables. Grant the
-- KpiIngest role SELECT on these views and nothing else (least-privilege.sql).
--
-- PostgreSQL specifics the contract relies on:
--   * updated_at is a plain timestamp column of the dossier table with an index on (updated_at, key), so
--     the poll (WHERE updated_at >= $1 ORDER BY updated_at, dossier_id LIMIT n) is an index range scan.
--     Wrapping it in an expression (COALESCE, a cast, AT TIME ZONE) would silently turn every poll into
--     a full scan and sort;
--   * timestamp columns hold local time of Source:TimeZone; timestamptz columns are read as instants and
--     converted by KpiIngest; booleans are read as 1/0.
--
-- Views are created in the first schema of search_path (public unless you set it; Source:Schema names it).
-- Re-runnable: CREATE OR REPLACE keeps the grants of least-privilege.sql. A view whose columns change
-- type must be dropped first (DROP VIEW src_dossier;), then granted again.

CREATE OR REPLACE VIEW src_unit AS
SELECT
    d.ma_don_vi      AS unit_id,
    d.ma_don_vi_cha  AS parent_id,
    d.ten_don_vi     AS name,
    d.cap            AS level,
    d.hieu_luc_tu    AS active_from,
    d.hieu_luc_den   AS active_to
FROM dm_don_vi AS d;

CREATE OR REPLACE VIEW src_procedure AS
SELECT
    p.ma_don_vi                      AS unit_id,
    p.ma_tthc                        AS procedure_code,
    -- LEFT JOIN: a pair whose procedure is missing from the national list must still reach KpiIngest
    -- (an inner join would drop it and silently make its dossiers uncatalogued); it shows its code.
    COALESCE(t.ten_tthc, p.ma_tthc)  AS procedure_name,
    p.muc_do                         AS online_mode,
    p.co_phi                         AS has_fee,
    p.thanh_toan_truc_tuyen          AS online_payment,
    p.co_ket_qua                     AS requires_result,
    -- Optional (scorecard.md): map it if your system has it; it turns CITIZEN_DATA_PROCEDURES from MISSING into
    -- EXACT (with citizen_data_used). Leave the line out if it has not: KpiIngest then reports the item MISSING.
    t.doi_tuong_ca_nhan              AS citizen_subject
FROM dm_don_vi_thu_tuc AS p
LEFT JOIN dm_thu_tuc AS t ON t.ma_tthc = p.ma_tthc;

CREATE OR REPLACE VIEW src_dossier AS
SELECT
    h.id                    AS dossier_id,
    h.ma_ho_so              AS dossier_code,
    h.ma_don_vi             AS unit_id,
    h.ma_tthc               AS procedure_code,
    h.kenh                  AS channel,
    h.trang_thai            AS status,
    h.ngay_tiep_nhan        AS received_at,
    h.ngay_hen_tra          AS due_at,
    h.ngay_ket_thuc         AS resolved_at,
    -- Sum of the fee lines; NULL when there are none (the contract reads NULL or 0 as "no fee").
    -- Whatever writes ho_so_le_phi must also move ho_so.ngay_cap_nhat forward, or the poll misses
    -- the new amount.
    (SELECT SUM(l.so_tien) FROM ho_so_le_phi AS l WHERE l.ho_so_id = h.id) AS fee_amount,
    h.hinh_thuc_thanh_toan  AS paid_online,
    h.da_so_hoa             AS digitized,
    h.co_ket_qua_dien_tu    AS e_result,
    h.tai_su_dung           AS reused_data,
    -- Optional columns (scorecard.md): map each one your system has; each turns a scorecard item from PROXY or
    -- MISSING into EXACT. Leave out the lines of those it has not: nothing else depends on them.
    h.dong_bo_dvcqg         AS synced_to_portal,       -- DOSSIER_SYNC (else PROXY)
    h.co_phan_anh           AS complaint_or_dislike,   -- RECEIVING_SATISFACTION (else PROXY)
    h.tu_kho_ca_nhan        AS from_personal_storage,  -- PERSONAL_STORAGE (else MISSING)
    h.dung_du_lieu_dan_cu   AS citizen_data_used,      -- CITIZEN_DATA_DOSSIERS, CITIZEN_DATA_PROCEDURES (else MISSING)
    h.ngay_cap_nhat         AS updated_at
FROM ho_so AS h;
