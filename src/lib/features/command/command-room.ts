// The command room's data types live in types/command.ts (the API's fetch needs them too);
// re-exported here for the feature's own components.
export type {
	CommandKpis,
	CommandRoom,
	DisputeEntry,
	PeriodCount,
	StationArea,
	TodayCount
} from '$lib/types/command';
