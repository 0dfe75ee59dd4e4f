CREATE TABLE "deals" (
   "id" TEXT PRIMARY KEY,
   "title" TEXT,
   "summary" TEXT,
   "supplier" TEXT,
   "supplier_name" TEXT,
   "recipient" TEXT,
   "recipient_name" TEXT,
   "system" TEXT,
   "category" TEXT,
   "ordered_count" INTEGER,
   "ordered_unit" TEXT,
   "ordered_approximate" INTEGER,
   "ordered_note" TEXT,
   "delivered_count" INTEGER,
   "delivered_unit" TEXT,
   "delivered_approximate" INTEGER,
   "delivered_note" TEXT,
   "value_amount" REAL,
   "value_currency" TEXT,
   "value_approximate" INTEGER,
   "value_note" TEXT,
   "status" TEXT,
   "note" TEXT,
   "related" TEXT,
   "events" INTEGER
);
["date-forms", "Every date form", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, "signed", null, null, 11]
CREATE TABLE "actors" (
   "key" TEXT PRIMARY KEY,
   "deal" TEXT REFERENCES "deals"("id"),
   "id" TEXT,
   "name" TEXT,
   "kind" TEXT,
   "of" TEXT REFERENCES "actors"("key"),
   "note" TEXT
);
CREATE TABLE "sources" (
   "key" TEXT PRIMARY KEY,
   "deal" TEXT REFERENCES "deals"("id"),
   "id" TEXT,
   "publisher" TEXT,
   "title" TEXT,
   "url" TEXT,
   "date" TEXT,
   "earliest" TEXT,
   "language" TEXT,
   "via" TEXT,
   "archive_url" TEXT,
   "note" TEXT
);
["date-forms/wire", "date-forms", "wire", "Example Wire", "A report", "https://example.org/wire/1", "2030-01-10", "2030-01-10", null, null, null, null]
CREATE TABLE "events" (
   "key" TEXT PRIMARY KEY,
   "deal" TEXT REFERENCES "deals"("id"),
   "id" TEXT,
   "position" INTEGER,
   "date" TEXT,
   "precision" TEXT,
   "earliest" TEXT,
   "latest" TEXT,
   "approximate" INTEGER,
   "uncertain" INTEGER,
   "type" TEXT,
   "title" TEXT,
   "status" TEXT,
   "note" TEXT,
   "location" TEXT,
   "quantity_count" INTEGER,
   "quantity_unit" TEXT,
   "quantity_approximate" INTEGER,
   "tags" TEXT,
   "context" INTEGER,
   "about" TEXT
);
["date-forms/day-about", "date-forms", "day-about", 6, "2019-07-~12", "day", "2019-07-12", "2019-07-12", 1, 0, "statement", "Something was said about 12 July", "confirmed", null, null, null, null, null, null, 0, null]
["date-forms/day-unknown", "date-forms", "day-unknown", 8, "2019-08-XX", "month", "2019-08-01", "2019-08-31", 0, 0, "statement", "Something was said in August", "confirmed", null, null, null, null, null, null, 0, null]
["date-forms/decade", "date-forms", "decade", 1, "201X", "decade", "2010-01-01", "2019-12-31", 0, 0, "statement", "Something was said in the 2010s", "confirmed", null, null, null, null, null, null, 0, null]
["date-forms/month-unknown", "date-forms", "month-unknown", 3, "2019-XX", "year", "2019-01-01", "2019-12-31", 0, 0, "statement", "Something was said in some month of 2019", "confirmed", null, null, null, null, null, null, 0, null]
["date-forms/one-of-three", "date-forms", "one-of-three", 9, "[2019-09,2019-10-25,2019-12-12]", "month", "2019-09-01", "2019-12-12", 0, 0, "agreement", "Four sources, three dates", "confirmed", null, null, null, null, null, null, 0, null]
["date-forms/one-of-two-days", "date-forms", "one-of-two-days", 7, "[2019-07-12,2019-07-14]", "day", "2019-07-12", "2019-07-14", 0, 0, "statement", "Sources disagree on the day", "confirmed", null, null, null, null, null, null, 0, null]
["date-forms/second-half", "date-forms", "second-half", 10, "2020-41", "season", "2020-07-01", "2020-12-31", 0, 0, "statement", "Something was said in the second half of 2020", "confirmed", null, null, null, null, null, null, 0, null]
["date-forms/spring", "date-forms", "spring", 4, "2019-21", "season", "2019-03-01", "2019-05-31", 0, 0, "statement", "Something was said in spring", "confirmed", null, null, null, null, null, null, 0, null]
["date-forms/still-going", "date-forms", "still-going", 11, "2021/..", "year", "2021-01-01", null, 0, 0, "deployment", "Deployment starts and goes on", "confirmed", null, null, null, null, null, null, 0, null]
["date-forms/talks", "date-forms", "talks", 5, "2019-05/", "month", "2019-05-01", null, 0, 0, "negotiation", "Talks start; when they ended is not reported", "confirmed", null, null, null, null, null, null, 0, null]
["date-forms/winter", "date-forms", "winter", 2, "2018-24", "season", "2018-12-01", "2019-02-28", 0, 0, "statement", "Something was said in winter", "confirmed", null, null, null, null, null, null, 0, null]
CREATE TABLE "event_sources" (
   "event" TEXT REFERENCES "events"("key"),
   "source" TEXT REFERENCES "sources"("key"),
   "position" INTEGER,
   PRIMARY KEY ("event", "source")
);
["date-forms/day-about", "date-forms/wire", 1]
["date-forms/day-unknown", "date-forms/wire", 1]
["date-forms/decade", "date-forms/wire", 1]
["date-forms/month-unknown", "date-forms/wire", 1]
["date-forms/one-of-three", "date-forms/wire", 1]
["date-forms/one-of-two-days", "date-forms/wire", 1]
["date-forms/second-half", "date-forms/wire", 1]
["date-forms/spring", "date-forms/wire", 1]
["date-forms/still-going", "date-forms/wire", 1]
["date-forms/talks", "date-forms/wire", 1]
["date-forms/winter", "date-forms/wire", 1]
CREATE TABLE "event_actors" (
   "event" TEXT REFERENCES "events"("key"),
   "actor" TEXT REFERENCES "actors"("key"),
   "role" TEXT,
   "position" INTEGER,
   PRIMARY KEY ("event", "actor", "role")
);
