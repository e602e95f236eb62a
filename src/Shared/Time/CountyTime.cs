using System.Globalization;

namespace CommandCenter.Time;

/// <summary>
/// The county's time zone: every time a person reads (screens, CSV, error messages) is shown in it.
/// Config <c>County:TimeZone</c> (IANA id), default Asia/Shanghai. Stored and wire times stay UTC instants;
/// this only renders them.
/// </summary>
public sealed class CountyTime
{
    public const string DefaultZone = "Asia/Shanghai";
    public const string ConfigKey = "County:TimeZone";

    public CountyTime(string? zoneId = null)
    {
        var id = string.IsNullOrWhiteSpace(zoneId) ? DefaultZone : zoneId.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            throw new InvalidOperationException($"{ConfigKey}: unknown time zone '{id}' (use an IANA id such as {DefaultZone})");
        Zone = zone;
        // the browser's Intl API needs the IANA id, whatever the platform calls the zone
        ZoneId = zone.HasIanaId || !TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? zone.Id : iana;
    }

    /// <summary>From configuration (<c>County:TimeZone</c>, or the environment's <c>County__TimeZone</c>).</summary>
    public static CountyTime From(Microsoft.Extensions.Configuration.IConfiguration config) => new(config[ConfigKey]);

    public TimeZoneInfo Zone { get; }

    /// <summary>The IANA id, for the pages (Intl.DateTimeFormat's timeZone).</summary>
    public string ZoneId { get; }

    /// <summary>The same instant with the county's offset (+08:00 for Asia/Shanghai).</summary>
    public DateTimeOffset Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Zone);

    /// <summary>For people: "2026-12-04 18:00:00" in the county's zone.</summary>
    public string Format(DateTimeOffset t, string format = "yyyy-MM-dd HH:mm:ss") => Local(t).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>For files: ISO 8601 with milliseconds and the county's offset, "2026-12-04T18:00:00.000+08:00".</summary>
    public string Iso(DateTimeOffset t) => Format(t, "yyyy-MM-ddTHH:mm:ss.fffzzz");

    /// <summary>The start of the county's calendar day the instant falls in.</summary>
    public DateTimeOffset StartOfDay(DateTimeOffset t)
    {
        var local = Local(t);
        var midnight = local.Date;
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }
}
