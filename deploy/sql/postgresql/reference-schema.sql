-- Reference iGate-style one-stop schema, PostgreSQL dialect (a port of ../sqlite/reference-schema.sql).
--
-- What this is: a small schema shaped like the tables a VNPT iGate (or similar) one-stop system keeps
-- for units, the national procedure list, the unit/procedure catalog and dossiers. KpiIngest never reads
-- these tables: it reads the three contract views of contract-views.sql. The tests load data into exactly
-- this schema, so an integrator can see a complete, working mapping from "vendor tables" to the contract
-- and copy what fits.
--
-- Your system's tables will differ. Keep the contract views, rewrite their FROM clauses. Conventions:
--   * tables are created in the first schema of search_path (public unless you SET search_path first;
--     KpiIngest's Source:Schema names the schema of the views);
--   * datetimes are `timestamp` (without time zone) holding local time of Source:TimeZone; `timestamptz`
--     works as well (KpiIngest converts instants to local time);
--   * flags are `boolean` (KpiIngest reads true/false as 1/0); money is in đồng (VND has no minor unit).
--
-- Re-runnable: every statement is IF NOT EXISTS.

-- Đơn vị: reporting units (provincial People's Committee, departments, districts, communes).
CREATE TABLE IF NOT EXISTS dm_don_vi (
    ma_don_vi      varchar(64)   NOT NULL PRIMARY KEY,  -- unit code (DVCQG MaDonVi)
    ma_don_vi_cha  varchar(64)   NULL,                  -- parent unit
    ten_don_vi     varchar(255)  NOT NULL,              -- Vietnamese name
    cap            smallint      NOT NULL,              -- 1 cấp tỉnh, 2 cấp huyện, 3 cấp xã
    hieu_luc_tu    date          NULL,                  -- first day the unit exists; NULL: always
    hieu_luc_den   date          NULL                   -- last day (merged or abolished); NULL: still active
);

-- Thủ tục hành chính: the national list of administrative procedures.
CREATE TABLE IF NOT EXISTS dm_thu_tuc (
    ma_tthc             varchar(64)    NOT NULL PRIMARY KEY,  -- national procedure code (MaTTHC), e.g. 1.001193
    ten_tthc            varchar(1000)  NOT NULL,              -- procedure name (TenTTHC)
    linh_vuc            varchar(255)   NULL,                  -- field (lĩnh vực), e.g. Hộ tịch
    so_ngay_giai_quyet  integer        NOT NULL DEFAULT 0,    -- statutory working days; 0: same day
    muc_le_phi          bigint         NOT NULL DEFAULT 0,    -- standard fee in đồng; 0: free
    doi_tuong_ca_nhan   boolean        NOT NULL DEFAULT false -- applicants are citizens (cá nhân)
);

-- Which unit offers which procedure, and how: one row is one catalog pair of the contract.
CREATE TABLE IF NOT EXISTS dm_don_vi_thu_tuc (
    ma_don_vi              varchar(64)  NOT NULL,                -- unit
    ma_tthc                varchar(64)  NOT NULL,                -- procedure
    muc_do                 smallint     NOT NULL,                -- online mode: 0 none, 2 information, 3 partly, 4 fully online
    co_phi                 boolean      NOT NULL DEFAULT false,  -- carries a fee or charge
    thanh_toan_truc_tuyen  boolean      NOT NULL DEFAULT false,  -- online payment offered at this unit
    co_ket_qua             boolean      NOT NULL DEFAULT true,   -- issues a result document
    PRIMARY KEY (ma_don_vi, ma_tthc)
);

-- Hồ sơ: dossiers.
-- The key `id` is a 24-hex-digit, time-ordered identifier like the MongoDB ObjectId iGate uses. COLLATE "C"
-- makes its order byte order, the order KpiIngest's reconciliation reads keys in, so the primary key index
-- serves that read without a sort whatever the database's collation (vi-VN, en-US).
CREATE TABLE IF NOT EXISTS ho_so (
    id                    varchar(64) COLLATE "C"  NOT NULL PRIMARY KEY,
    ma_ho_so              varchar(64)  NOT NULL,                -- code citizens see (MaHoSo), e.g. 000.00.05.H99-250430-0001
    ma_don_vi             varchar(64)  NOT NULL,                -- handling unit (DonViXuLy)
    ma_tthc               varchar(64)  NOT NULL,                -- procedure (MaTTHC)
    kenh                  smallint     NOT NULL,                -- channel: 1 in person, 2 online, 3 postal
    trang_thai            smallint     NOT NULL,                -- status 1..10 as in the contract (TrangThaiHoSo)
    ngay_tiep_nhan        timestamp    NULL,                    -- received (NgayTiepNhan)
    ngay_hen_tra          timestamp    NULL,                    -- promised return (NgayHenTra)
    ngay_ket_thuc         timestamp    NULL,                    -- processing finished (NgayKetThucXuLy)
    hinh_thuc_thanh_toan  smallint     NOT NULL DEFAULT 0,      -- 0 not online, 1 national payment platform, 2 provincial gateway
    da_so_hoa             boolean      NOT NULL DEFAULT false,  -- component documents digitized
    co_ket_qua_dien_tu    boolean      NOT NULL DEFAULT false,  -- electronic result issued
    tai_su_dung           boolean      NOT NULL DEFAULT false,  -- data reused from digitized stores or national databases
    dong_bo_dvcqg         boolean      NOT NULL DEFAULT false,  -- synchronised to the national portal (DVCQG)
    co_phan_anh           boolean      NOT NULL DEFAULT false,  -- a complaint (phản ánh, kiến nghị) or a dissatisfied rating
    tu_kho_ca_nhan        boolean      NOT NULL DEFAULT false,  -- a component from, or the result to, the personal storage
    dung_du_lieu_dan_cu   boolean      NOT NULL DEFAULT false,  -- VNeID authentication or population-database data
    ngay_cap_nhat         timestamp    NOT NULL                 -- last change; must move forward on every change of the row
                                                                -- (including its fee lines): KpiIngest polls on it
);

-- Lệ phí: fee lines of a dossier (DanhSachLePhi). Keyed by dossier first, so the per-dossier sum in
-- src_dossier is one range read of adjacent index entries.
CREATE TABLE IF NOT EXISTS ho_so_le_phi (
    ho_so_id  varchar(64) COLLATE "C"  NOT NULL,  -- ho_so.id
    stt       integer        NOT NULL,            -- line number within the dossier
    ten_phi   varchar(255)   NOT NULL,            -- fee or charge name
    so_tien   numeric(18, 2) NOT NULL,            -- amount in đồng
    PRIMARY KEY (ho_so_id, stt)
);

-- The index that matters: KpiIngest polls
--   SELECT ... FROM src_dossier WHERE updated_at >= $1 [AND (updated_at, dossier_id) > ($1, $2)]
--   ORDER BY updated_at, dossier_id LIMIT n
-- and this index serves the range, the row comparison and the order, so a poll costs what changed.
CREATE INDEX IF NOT EXISTS ix_ho_so_ngay_cap_nhat ON ho_so (ngay_cap_nhat, id);

-- The officers' work queue: open dossiers only (new, received, processing, supplement requested,
-- awaiting fees). Partial, so it stays small however many closed dossiers accumulate. KpiIngest does
-- not need it.
CREATE INDEX IF NOT EXISTS ix_ho_so_dang_xu_ly ON ho_so (id) WHERE trang_thai IN (1, 2, 4, 5, 6);
