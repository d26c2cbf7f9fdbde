-- Reference iGate-style one-stop schema, SQL Server dialect (a port of ../sqlite/reference-schema.sql).
-- SQL Server 2016 or later; the T-SQL is what SQL Server 2019 parses (KpiIngest's tests check it).
--
-- What this is: a small schema shaped like the tables a VNPT iGate (or similar) one-stop system keeps
-- for units, the national procedure list, the unit/procedure catalog and dossiers. KpiIngest never reads
-- these tables: it reads the three contract views of contract-views.sql. The tests load data into exactly
-- this schema, so an integrator can see a complete, working mapping from "vendor tables" to the contract
-- and copy what fits.
--
-- Your system's tables will differ. Keep the contract views, rewrite their FROM clauses. Conventions:
--   * tables live in schema dbo (KpiIngest's Source:Schema names the schema of the views, default dbo);
--   * text is nvarchar (Vietnamese); keys are nvarchar too, the type KpiIngest sends keys as, so that
--     lookups by key are index seeks;
--   * datetimes are datetime2(3) holding local time of Source:TimeZone; datetime and datetimeoffset work
--     as well (KpiIngest types its parameters like the column, and converts offsets to local time);
--   * flags are bit (KpiIngest reads them as 1/0); money is in đồng (VND has no minor unit).
--
-- Run with sqlcmd or SSMS: GO separates batches. Re-runnable: every object is created only when missing.

SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

-- Đơn vị: reporting units (provincial People's Committee, departments, districts, communes).
IF OBJECT_ID(N'dbo.dm_don_vi', N'U') IS NULL
CREATE TABLE dbo.dm_don_vi (
    ma_don_vi      nvarchar(64)   NOT NULL CONSTRAINT pk_dm_don_vi PRIMARY KEY,  -- unit code (DVCQG MaDonVi)
    ma_don_vi_cha  nvarchar(64)   NULL,                                          -- parent unit
    ten_don_vi     nvarchar(255)  NOT NULL,                                      -- Vietnamese name
    cap            tinyint        NOT NULL,                                      -- 1 cấp tỉnh, 2 cấp huyện, 3 cấp xã
    hieu_luc_tu    date           NULL,                                          -- first day the unit exists; NULL: always
    hieu_luc_den   date           NULL                                           -- last day (merged or abolished); NULL: still active
);
GO

-- Thủ tục hành chính: the national list of administrative procedures.
IF OBJECT_ID(N'dbo.dm_thu_tuc', N'U') IS NULL
CREATE TABLE dbo.dm_thu_tuc (
    ma_tthc             nvarchar(64)    NOT NULL CONSTRAINT pk_dm_thu_tuc PRIMARY KEY,  -- national procedure code (MaTTHC)
    ten_tthc            nvarchar(1000)  NOT NULL,                                       -- procedure name (TenTTHC)
    linh_vuc            nvarchar(255)   NULL,                                           -- field (lĩnh vực), e.g. Hộ tịch
    so_ngay_giai_quyet  int             NOT NULL CONSTRAINT df_dm_thu_tuc_so_ngay DEFAULT 0,    -- statutory working days
    muc_le_phi          bigint          NOT NULL CONSTRAINT df_dm_thu_tuc_le_phi DEFAULT 0,     -- standard fee in đồng; 0: free
    doi_tuong_ca_nhan   bit             NOT NULL CONSTRAINT df_dm_thu_tuc_ca_nhan DEFAULT 0     -- applicants are citizens (cá nhân)
);
GO

-- Which unit offers which procedure, and how: one row is one catalog pair of the contract.
IF OBJECT_ID(N'dbo.dm_don_vi_thu_tuc', N'U') IS NULL
CREATE TABLE dbo.dm_don_vi_thu_tuc (
    ma_don_vi              nvarchar(64)  NOT NULL,                                             -- unit
    ma_tthc                nvarchar(64)  NOT NULL,                                             -- procedure
    muc_do                 tinyint       NOT NULL,                                             -- 0 none, 2 information, 3 partly, 4 fully online
    co_phi                 bit           NOT NULL CONSTRAINT df_dm_don_vi_thu_tuc_phi DEFAULT 0,      -- carries a fee or charge
    thanh_toan_truc_tuyen  bit           NOT NULL CONSTRAINT df_dm_don_vi_thu_tuc_tt DEFAULT 0,       -- online payment offered
    co_ket_qua             bit           NOT NULL CONSTRAINT df_dm_don_vi_thu_tuc_kq DEFAULT 1,       -- issues a result document
    CONSTRAINT pk_dm_don_vi_thu_tuc PRIMARY KEY (ma_don_vi, ma_tthc)
);
GO

-- Hồ sơ: dossiers.
-- The key `id` is a 24-hex-digit, time-ordered identifier like the MongoDB ObjectId iGate uses. A BIN2
-- collation makes its order UTF-16 code unit order, the order KpiIngest's reconciliation reads keys in, so
-- the clustered primary key serves that read without a sort, and two ids differing only in case are two
-- dossiers, as they are to KpiIngest.
IF OBJECT_ID(N'dbo.ho_so', N'U') IS NULL
CREATE TABLE dbo.ho_so (
    id                    nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL CONSTRAINT pk_ho_so PRIMARY KEY,
    ma_ho_so              nvarchar(64)  NOT NULL,                                            -- code citizens see (MaHoSo)
    ma_don_vi             nvarchar(64)  NOT NULL,                                            -- handling unit (DonViXuLy)
    ma_tthc               nvarchar(64)  NOT NULL,                                            -- procedure (MaTTHC)
    kenh                  tinyint       NOT NULL,                                            -- channel: 1 in person, 2 online, 3 postal
    trang_thai            tinyint       NOT NULL,                                            -- status 1..10 as in the contract
    ngay_tiep_nhan        datetime2(3)  NULL,                                                -- received (NgayTiepNhan)
    ngay_hen_tra          datetime2(3)  NULL,                                                -- promised return (NgayHenTra)
    ngay_ket_thuc         datetime2(3)  NULL,                                                -- processing finished (NgayKetThucXuLy)
    hinh_thuc_thanh_toan  tinyint       NOT NULL CONSTRAINT df_ho_so_thanh_toan DEFAULT 0,   -- 0 not online, 1 national platform, 2 provincial
    da_so_hoa             bit           NOT NULL CONSTRAINT df_ho_so_so_hoa DEFAULT 0,       -- component documents digitized
    co_ket_qua_dien_tu    bit           NOT NULL CONSTRAINT df_ho_so_ket_qua DEFAULT 0,      -- electronic result issued
    tai_su_dung           bit           NOT NULL CONSTRAINT df_ho_so_tai_su_dung DEFAULT 0,  -- data reused
    dong_bo_dvcqg         bit           NOT NULL CONSTRAINT df_ho_so_dong_bo_dvcqg DEFAULT 0,  -- synchronised to DVCQG
    co_phan_anh           bit           NOT NULL CONSTRAINT df_ho_so_co_phan_anh DEFAULT 0,  -- complaint or dissatisfied rating
    tu_kho_ca_nhan        bit           NOT NULL CONSTRAINT df_ho_so_tu_kho_ca_nhan DEFAULT 0,  -- personal storage used
    dung_du_lieu_dan_cu   bit           NOT NULL CONSTRAINT df_ho_so_du_lieu_dan_cu DEFAULT 0,  -- VNeID or population data
    ngay_cap_nhat         datetime2(3)  NOT NULL   -- last change; must move forward on every change of the row
                                                   -- (including its fee lines): KpiIngest polls on it
);
GO

-- Lệ phí: fee lines of a dossier (DanhSachLePhi). Keyed by dossier first, so the per-dossier sum in
-- src_dossier is one range seek. The same collation as ho_so.id, or the join would not compare.
IF OBJECT_ID(N'dbo.ho_so_le_phi', N'U') IS NULL
CREATE TABLE dbo.ho_so_le_phi (
    ho_so_id  nvarchar(64) COLLATE Latin1_General_BIN2 NOT NULL,  -- ho_so.id
    stt       int             NOT NULL,                            -- line number within the dossier
    ten_phi   nvarchar(255)   NOT NULL,                            -- fee or charge name
    so_tien   decimal(18, 2)  NOT NULL,                            -- amount in đồng
    CONSTRAINT pk_ho_so_le_phi PRIMARY KEY (ho_so_id, stt)
);
GO

-- The index that matters: KpiIngest polls
--   SELECT TOP (n) ... FROM src_dossier WHERE updated_at >= @u [AND (updated_at > @u OR (updated_at = @u
--   AND dossier_id > @id))] ORDER BY updated_at, dossier_id
-- and this index serves the seek and the order, so a poll costs what changed.
--
-- The SQLite and PostgreSQL schemas also keep a partial index of open dossiers for an officers' work
-- queue. It is left out here: a filtered index makes every INSERT and UPDATE of ho_so fail for a session
-- with QUOTED_IDENTIFIER or ANSI_NULLS OFF, which older client tools still use, and KpiIngest does not need it.
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'dbo.ho_so') AND name = N'ix_ho_so_ngay_cap_nhat')
    CREATE INDEX ix_ho_so_ngay_cap_nhat ON dbo.ho_so (ngay_cap_nhat, id);
GO
