namespace CommandCenter.Model.Warnings;

/// <summary>Why a warning (风险预警) is up: a threshold crossed, a fast rise, or a sensor gone silent.</summary>
public enum WarningCause { Threshold, Rise, Silent }

/// <summary>A warning up on a grid: its sensor, its level 1–4 (red I … blue IV), why, since when, the latest reading.</summary>
public sealed record SensorWarning(string SensorId, string SensorKind, int Level, WarningCause Cause, DateTimeOffset Since, double Value, DateTimeOffset ReadAt);

/// <summary>One point of a sensor's recent trend (the last reading of each minute): the wall's sparkline, the rise rule's window.</summary>
public readonly record struct SensorPoint(DateTimeOffset At, double Value);
