/** Service limits and patterns (CONTRACT.md §3). Sources: [MODEL] service models, [DOC] developer guide, [SDK]. */

/** Live records per dataset [DOC]. */
export const MAX_RECORDS = 1024;
/** Dataset size: UTF-8 bytes of keys and values; a tombstone counts its key only [DOC][SDK]. */
export const MAX_DATASET_BYTES = 1024 * 1024;
/** Datasets per identity [DOC]. */
export const MAX_DATASETS_PER_IDENTITY = 20;
/** Record key length accepted by the API, in characters [MODEL]. */
export const MAX_KEY_LENGTH = 1024;
/** Record key length every AWS client enforces, in UTF-8 bytes [SDK]. */
export const SDK_MAX_KEY_BYTES = 128;
/** The JavaScript client's record key pattern [SDK]. */
export const SDK_KEY_PATTERN = /^[a-zA-Z0-9_.:-]{1,128}$/;
/** Dataset name length and pattern [MODEL] (the prose omits `:`, the pattern allows it). */
export const MAX_DATASET_NAME_LENGTH = 128;
export const DATASET_NAME_PATTERN = /^[a-zA-Z0-9_.:-]+$/;
/** Identity pool id and identity id: `REGION:GUID` [MODEL]. */
export const MAX_ID_LENGTH = 55;
export const ID_PATTERN = /^[\w-]+:[0-9a-f-]+$/;
/** Regions that offer Cognito Sync [DOC]. */
export const SYNC_REGIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'us-east-1',
  'us-east-2',
  'us-west-2',
] as const;
/** The handler's reply deadline, measured on the response; it cannot be raised [DOC]. */
export const HANDLER_DEADLINE_MS = 5000;
/** Lambda's synchronous payload limit, request and response [DOC]. */
export const LAMBDA_PAYLOAD_BYTES = 6 * 1024 * 1024;
