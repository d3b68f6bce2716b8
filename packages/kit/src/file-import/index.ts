// Reading uploaded files of records (CSV, JSON, NDJSON) row by row with row numbers: shared by every import (events in
// metering, customers and subscriptions in subscriptions). Parsing is pure; receiveBody streams a request to disk.
export * from './cells';
export * from './file-rows';
export * from './upload-body';
export * from './row-cursor';
