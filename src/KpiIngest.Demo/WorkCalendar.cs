namespace KpiIngest.Demo;

/// <summary>
/// When one-stop offices work: weekdays, office hours, public holidays. Only as precise as a synthetic
/// province needs: fixed-date holidays and the Tết breaks of the years a demo is likely to cover.
/// </summary>
internal static class WorkCalendar
{
    /// <summary>The day Vietnam abolished district governments and merged communes.</summary>
    public static readonly DateOnly Reorganisation = new(2025, 7, 1);

    private static readonly (DateOnly First, DateOnly Last)[] TetBreaks =
    [
        (new(2023, 1, 20), new(2023, 1, 26)),
        (new(2024, 2, 8), new(2024, 2, 14)),
        (new(2025, 1, 25), new(2025, 2, 2)),
        (new(2026, 2, 14), new(2026, 2, 22)),
    ];

    private static readonly TimeSpan MorningOpen = new(7, 30, 0);
    private static readonly TimeSpan MorningClose = new(11, 30, 0);
    private static readonly TimeSpan AfternoonOpen = new(13, 30, 0);
    private static readonly TimeSpan AfternoonClose = new(17, 0, 0);

    public static bool IsHoliday(DateOnly day)
    {
        if ((day.Month, day.Day) is (1, 1) or (4, 30) or (5, 1) or (9, 2))
        {
            return true;
        }

        foreach (var (first, last) in TetBreaks)
        {
            if (day >= first && day <= last)
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(day);

    /// <summary>Relative dossier volume of a day: offices receive on weekdays, a little on Saturdays, online trickles in always.</summary>
    public static double VolumeWeight(DateOnly day) =>
        IsHoliday(day) ? 0.04
        : day.DayOfWeek == DayOfWeek.Saturday ? 0.12
        : day.DayOfWeek == DayOfWeek.Sunday ? 0.04
        : 1.0;

    /// <summary>A time of day, in seconds, mostly within office hours (most dossiers are received at a counter or by an officer).</summary>
    public static int TimeOfDaySeconds(Random random)
    {
        var r = random.NextDouble();
        if (r < 0.08)
        {
            return random.Next(0, 86_400);
        }

        var (open, close) = r < 0.55 ? (MorningOpen, MorningClose) : (AfternoonOpen, AfternoonClose);
        return random.Next((int)open.TotalSeconds, (int)close.TotalSeconds);
    }

    /// <summary>
    /// The promised return time: <paramref name="workingDays"/> working days after receipt, at the
    /// receipt's time of day kept within office hours; 0 days means the same working day, or the next
    /// morning when the dossier came in late. Always after <paramref name="receivedAt"/>.
    /// </summary>
    public static DateTime DueAt(DateTime receivedAt, int workingDays)
    {
        var day = DateOnly.FromDateTime(receivedAt);
        if (workingDays == 0)
        {
            if (IsWorkingDay(day) && receivedAt.TimeOfDay < new TimeSpan(15, 0, 0))
            {
                return day.ToDateTime(new TimeOnly(17, 0));
            }

            return NextWorkingDay(day).ToDateTime(new TimeOnly(11, 0));
        }

        for (var added = 0; added < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                added++;
            }
        }

        var time = receivedAt.TimeOfDay;
        if (time < new TimeSpan(8, 0, 0) || time > AfternoonClose)
        {
            time = AfternoonClose;
        }

        return day.ToDateTime(TimeOnly.FromTimeSpan(time));
    }

    private static DateOnly NextWorkingDay(DateOnly day)
    {
        do
        {
            day = day.AddDays(1);
        }
        while (!IsWorkingDay(day));

        return day;
    }
}
