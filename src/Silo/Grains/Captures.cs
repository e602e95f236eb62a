using CommandCenter.Command;
using CommandCenter.Model;

namespace CommandCenter.Grains;

// A grain's part of a capture of the county at one moment (see ScreenCounty.CaptureAsync). Active: the grid has had events
// (replay lists such grids only). LastSeq: the newest Seq the grain applied, not after the moment.
// [Immutable]: built fresh for each answer and never changed after, so Orleans hands them over without a copy.

[Immutable]
public sealed record GridCapture(GridSnapshot State, bool Active, long LastSeq, long Events, long Version = 0);

[Immutable]
public sealed record BoardCapture(BoardState State, long LastSeq, long Events);

[Immutable]
public sealed record DrillsCapture(DrillRecord[] Running, DrillRecord[] Ended, long LastSeq, long Events);

[Immutable]
public sealed record DepotCapture(Supplies.DepotSnapshot State, long LastSeq, long Events);
