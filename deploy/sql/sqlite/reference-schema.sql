-- Reference iGate-style one-stop schema, SQLite dialect.
--
-- What this is: a small schema shaped like the tables a VNPT iGate (or similar) one-stop system keeps
-- for units, the national procedure list, the unit/procedure catalog and dossiers. KpiIngest never reads
-- these tables: it reads the three contract views of contract-views.sql. The `demo` verb, the benchmark
-- and the tests generate data into exactly this schema, so an integrator can see a complete, working
-- mapping from "vendor tables" to the contract and copy what fits.
--
-- Your system's tables will differ. Keep the contract views, rewrite their FROM clauses. Conventions:
--   * dates are ISO-8601 text 'YYYY-MM-DD'; datetimes are local time, text 'YYYY-MM-DD HH:MM:SS';
--   * flags are 0/1 integers; money is in đồng (VND has no minor unit).
--
-- Re-runnable: every statement is IF NOT EXISTS.

-- Đơn vị: reporting units (provincial People's Committee, departments, districts, communes).
CREATE TABLE IF NOT EXISTS dm_don_vi (
    ma_don_vi      TEXT    NOT NULL PRIMARY KEY,  -- unit code (DVCQG MaDonVi)
    ma_don_vi_cha  TEXT    NULL,                  -- parent unit
    ten_don_vi     TEXT    NOT NULL,              -- Vietnamese name
    cap            INTEGER NOT NULL,              -- 1 cấp tỉnh, 2 cấp huyện, 3 cấp xã
    hieu_luc_tu    TEXT    NULL,                  -- first day the unit exists; NULL: always
    hieu_luc_den   TEXT    NULL                   -- last day (merged or abolished); NULL: still active
);

-- Thủ tục hành chính: the national list of administrative procedures.
CREATE TABLE IF NOT EXISTS dm_thu_tuc (
    ma_tthc             TEXT    NOT NULL PRIMARY KEY,  -- national procedure code (MaTTHC), e.g. 1.001193
    ten_tthc            TEXT    NOT NULL,              -- procedure name (TenTTHC)
    linh_vuc            TEXT    NULL,                  -- field (lĩnh vực), e.g. Hộ tịch
    so_ngay_giai_quyet  INTEGER NOT NULL DEFAULT 0,    -- statutory working days; 0: same day
    muc_le_phi          INTEGER NOT NULL DEFAULT 0,    -- standard fee in đồng; 0: free
    doi_tuong_ca_nhan   INTEGER NOT NULL DEFAULT 0     -- applicants are citizens (cá nhân)
);

-- Which unit offers which procedure, and how: one row is one catalog pair of the contract.
-- WITHOUT ROWID: the table is read whole, in key order, and the key is all it is looked up by.
CREATE TABLE IF NOT EXISTS dm_don_vi_thu_tuc (
    ma_don_vi              TEXT    NOT NULL,            -- unit
    ma_tthc                TEXT    NOT NULL,            -- procedure
    muc_do                 INTEGER NOT NULL,            -- online mode: 0 none, 2 information, 3 partly, 4 fully online
    co_phi                 INTEGER NOT NULL DEFAULT 0,  -- carries a fee or charge
    thanh_toan_truc_tuyen  INTEGER NOT NULL DEFAULT 0,  -- online payment offered at this unit
    co_ket_qua             INTEGER NOT NULL DEFAULT 1,  -- issues a result document
    PRIMARY KEY (ma_don_vi, ma_tthc)
) WITHOUT ROWID;

-- Hồ sơ: dossiers.
-- The key `id` is a 24-hex-digit, time-ordered identifier like the MongoDB ObjectId iGate uses.
-- WITHOUT ROWID so that every secondary index carries `id` as its last column: the index on
-- ngay_cap_nhat is then an index on (ngay_cap_nhat, id), which is exactly the order KpiIngest polls in
-- (updated_at, dossier_id), with no sort step.
CREATE TABLE IF NOT EXISTS ho_so (
    id                    TEXT    NOT NULL PRIMARY KEY,
    ma_ho_so              TEXT    NOT NULL,            -- code citizens see (MaHoSo), e.g. 000.00.05.H99-250430-0001
    ma_don_vi             TEXT    NOT NULL,            -- handling unit (DonViXuLy)
    ma_tthc               TEXT    NOT NULL,            -- procedure (MaTTHC)
    kenh                  INTEGER NOT NULL,            -- channel: 1 in person, 2 online, 3 postal
    trang_thai            INTEGER NOT NULL,            -- status 1..10 as in the contract (TrangThaiHoSo)
    ngay_tiep_nhan        TEXT    NULL,                -- received (NgayTiepNhan)
    ngay_hen_tra          TEXT    NULL,                -- promised return (NgayHenTra)
    ngay_ket_thuc         TEXT    NULL,                -- processing finished (NgayKetThucXuLy)
    hinh_thuc_thanh_toan  INTEGER NOT NULL DEFAULT 0,  -- 0 not online, 1 national payment platform, 2 provincial gateway
    da_so_hoa             INTEGER NOT NULL DEFAULT 0,  -- component documents digitized
    co_ket_qua_dien_tu    INTEGER NOT NULL DEFAULT 0,  -- electronic result issued
    tai_su_dung           INTEGER NOT NULL DEFAULT 0,  -- data reused from digitized stores or national databases
    dong_bo_dvcqg         INTEGER NOT NULL DEFAULT 0,  -- synchronised to the national portal (DVCQG)
    co_phan_anh           INTEGER NOT NULL DEFAULT 0,  -- a complaint (phản ánh, kiến nghị) or a dissatisfied rating
    tu_kho_ca_nhan        INTEGER NOT NULL DEFAULT 0,  -- a component from, or the result to, the citizen's personal storage
    dung_du_lieu_dan_cu   INTEGER NOT NULL DEFAULT 0,  -- applicant authenticated with VNeID or data from the population database
    ngay_cap_nhat         TEXT    NOT NULL             -- last change; must move forward on every change of the row
                                                      -- (including its fee lines): KpiIngest polls on it
) WITHOUT ROWID;

-- Lệ phí: fee lines of a dossier (DanhSachLePhi). Keyed by dossier first, so the per-dossier sum in
-- src_dossier is one range read of adjacent rows.
CREATE TABLE IF NOT EXISTS ho_so_le_phi (
    ho_so_id  TEXT           NOT NULL,  -- ho_so.id
    stt       INTEGER        NOT NULL,  -- line number within the dossier
    ten_phi   TEXT           NOT NULL,  -- fee or charge name
    so_tien   NUMERIC(18, 2) NOT NULL,  -- amount in đồng
    PRIMARY KEY (ho_so_id, stt)
) WITHOUT ROWID;

-- The index that matters: KpiIngest polls
--   SELECT ... FROM src_dossier WHERE updated_at >= ? ORDER BY updated_at, dossier_id
-- and this index (ngay_cap_nhat, id) serves both the range and the order, so a poll costs what changed.
CREATE INDEX IF NOT EXISTS ix_ho_so_ngay_cap_nhat ON ho_so (ngay_cap_nhat);

-- The officers' work queue: open dossiers only (new, received, processing, supplement requested,
-- awaiting fees). Partial, so it stays small however many closed dossiers accumulate. KpiIngest does
-- not need it; the demo's simulator uses it to find dossiers to move along.
CREATE INDEX IF NOT EXISTS ix_ho_so_dang_xu_ly ON ho_so (id) WHERE trang_thai IN (1, 2, 4, 5, 6);
