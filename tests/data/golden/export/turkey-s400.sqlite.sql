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
["turkey-s400", "Turkey buys Russia's S-400 air-defence system", "In 2017 Turkey, a NATO member, agreed to buy Russia's S-400 Triumf long-range air-defence system in a deal most reports value at about $2.5 bn, 45% paid upfront and 55% financed by a Russian loan. When the contract was signed is disputed: the Turkish defence ministry gives 11 Apr 2017, a date Russia has not confirmed; Turkey announced in September 2017 that it was signed (reports give 10, 11 or 12 Sep); and the loan agreement was signed on 29 Dec 2017. Russia delivered the first batch between July and September 2019. The ministry expected the systems to become operational by April 2020, but no activation was announced. Turkey tested them in November 2019 and with a live firing in October 2020. Russia says the system can engage aircraft and missiles up to 400 km away, a manufacturer claim. Washington feared the S-400 radar could expose the F-35's stealth features and suspended Turkey from the F-35 programme in July 2019. In December 2020 it sanctioned Turkey's defence procurement agency under CAATSA over the S-400 purchase. In 2021 Turkey asked for F-16s instead. In August 2022 Russia said a contract for a second regiment had been signed. Turkey answered that there was no new deal and that the second batch was already part of the 2017 contract. The press describes the systems as tested but not in active use. In 2025 Turkey said they were still in its inventory, and they remained an issue in US-Turkish talks.", "russia", "Russia", "turkey", "Turkey", "S-400 Triumf", "long-range surface-to-air missile system", 4, "battery", 1, "Sources disagree. Rostec (2017) and Turkish reports give four batteries or divisions. TASS (2019) says Turkey gets one regimental set of two divisions (battalions). The dpa story (2022) says the first contract covered two regiments, a claim that could not be traced to a source. The Russian word 'divizion' is translated as division, battalion or battery.", 2, "battery", 1, "The first batch (first regiment), delivered Jul-Sep 2019, is two batteries in the Turkish MoD's terms. Akar called it one division containing two batteries, and TASS called it a regimental set of two divisions. No delivery of a second batch has been confirmed.", 2500000000.0, "USD", 1, "About $2.5 bn in most reports; 'over $2 bn' per Rostec head Chemezov (Nov 2017). 45% was paid upfront and 55% through a Russian loan (Chemezov, Dec 2017).", "delivered", "The day the 2017 contract was signed is disputed. The Turkish defence ministry's statements of 12 Jul, 27 Aug and 15 Sep 2019 give 11 Apr 2017, Turkey's official date, which Russia has not confirmed; Xinhua and Sputnik Japan (2019) also say April 2017. Other sources give 25 Jul 2017, 12 Sep 2017 (the announcement) and December 2017 (the loan or final agreement). The ordered count is the whole 2017 contract; the delivered count and the status 'delivered' refer to the first batch (first regiment). Turkey says the 2017 contract already covered a second batch, whose delivery was held up by talks on technology transfer (Demir, 26 Apr 2022; a Turkish defence official, Aug 2022); by that account the contract is only partly delivered. Russia announced on 16 Aug 2022 that a contract for a second regiment had been signed, without saying when it was signed; no delivery of a second batch has been found. One Reuters report (Aug 2022) wrongly calls the first deal Turkey's 'initial 2020 purchase'; all other sources give a 2017 contract and 2019 deliveries.", "turkey-f35; turkey-f16; india-s400", 45]
CREATE TABLE "actors" (
   "key" TEXT PRIMARY KEY,
   "deal" TEXT REFERENCES "deals"("id"),
   "id" TEXT,
   "name" TEXT,
   "kind" TEXT,
   "of" TEXT REFERENCES "actors"("key"),
   "note" TEXT
);
["turkey-s400/akar", "turkey-s400", "akar", "Hulusi Akar", "person", "turkey-s400/turkey-mod", "Turkish defence minister in 2019-2021"]
["turkey-s400/barrack", "turkey-s400", "barrack", "Tom Barrack", "person", "turkey-s400/usa", "US ambassador to Turkey"]
["turkey-s400/biden", "turkey-s400", "biden", "Joe Biden", "person", "turkey-s400/usa", "US President 2021-2025"]
["turkey-s400/chemezov", "turkey-s400", "chemezov", "Sergei Chemezov", "person", "turkey-s400/rostec", "Head of Rostec"]
["turkey-s400/demir", "turkey-s400", "demir", "Ismail Demir", "person", "turkey-s400/ssb", "Head of SSB"]
["turkey-s400/ellen-lord", "turkey-s400", "ellen-lord", "Ellen Lord", "person", "turkey-s400/us-dod", null]
["turkey-s400/erdogan", "turkey-s400", "erdogan", "Recep Tayyip Erdogan", "person", "turkey-s400/turkey", "President of Turkey"]
["turkey-s400/finland", "turkey-s400", "finland", "Finland", "state", null, null]
["turkey-s400/fsvts", "turkey-s400", "fsvts", "Federal Service for Military-Technical Cooperation", "agency", "turkey-s400/russia", null]
["turkey-s400/kozhin", "turkey-s400", "kozhin", "Vladimir Kozhin", "person", "turkey-s400/russia", "Kremlin aide"]
["turkey-s400/mikheev", "turkey-s400", "mikheev", "Alexander Mikheev", "person", "turkey-s400/rosoboronexport", null]
["turkey-s400/ned-price", "turkey-s400", "ned-price", "Ned Price", "person", "turkey-s400/us-state-dept", "State Department spokesman"]
["turkey-s400/putin", "turkey-s400", "putin", "Vladimir Putin", "person", "turkey-s400/russia", "President of Russia"]
["turkey-s400/rosoboronexport", "turkey-s400", "rosoboronexport", "Rosoboronexport", "company", "turkey-s400/russia", "Russian state arms exporter"]
["turkey-s400/rostec", "turkey-s400", "rostec", "Rostec", "company", "turkey-s400/russia", null]
["turkey-s400/russia", "turkey-s400", "russia", "Russia", "state", null, null]
["turkey-s400/shanahan", "turkey-s400", "shanahan", "Patrick Shanahan", "person", "turkey-s400/us-dod", "Pentagon chief in 2019"]
["turkey-s400/shugayev", "turkey-s400", "shugayev", "Dmitry Shugayev", "person", "turkey-s400/fsvts", "Head of FSVTS"]
["turkey-s400/ssb", "turkey-s400", "ssb", "Presidency of Defence Industries (SSB)", "agency", "turkey-s400/turkey", "Turkey's defence procurement agency (earlier SSM); sanctioned under CAATSA in Dec 2020."]
["turkey-s400/sweden", "turkey-s400", "sweden", "Sweden", "state", null, null]
["turkey-s400/trump", "turkey-s400", "trump", "Donald Trump", "person", "turkey-s400/usa", "US President 2017-2021 and from 2025"]
["turkey-s400/turkey", "turkey-s400", "turkey", "Turkey", "state", null, null]
["turkey-s400/turkey-mod", "turkey-s400", "turkey-mod", "Turkish Ministry of National Defence", "agency", "turkey-s400/turkey", null]
["turkey-s400/turkish-defence-official", "turkey-s400", "turkish-defence-official", "Turkish defence official", "person", "turkey-s400/turkey", "Unnamed; quoted by Reuters in August 2022."]
["turkey-s400/us-congress", "turkey-s400", "us-congress", "US Congress", "legislature", "turkey-s400/usa", null]
["turkey-s400/us-dod", "turkey-s400", "us-dod", "US Department of Defense", "agency", "turkey-s400/usa", null]
["turkey-s400/us-state-dept", "turkey-s400", "us-state-dept", "US Department of State", "agency", "turkey-s400/usa", null]
["turkey-s400/usa", "turkey-s400", "usa", "United States", "state", null, null]
["turkey-s400/wallander", "turkey-s400", "wallander", "Celeste Wallander", "person", "turkey-s400/us-dod", null]
["turkey-s400/white-house", "turkey-s400", "white-house", "White House", "government", "turkey-s400/usa", null]
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
["turkey-s400/akgazete-s400-ankara", "turkey-s400", "akgazete-s400-ankara", "akgazete", "The S-400s in Ankara, the first pictures (descriptive title)", "https://akgazete.com.tr/amp/s-400ler-ankarada-iste-ilk-goruntuler-18886", null, null, "tr", null, null, "Quotes the Turkish defence ministry. The original headline and the publication date were not recorded."]
["turkey-s400/anews-2019-09-15", "turkey-s400", "anews-2019-09-15", "A News", "Delivery of the second S-400 battery to Turkey completed, defence ministry says (descriptive title)", "https://anews.com.tr/turkey/2019/09/15/delivery-of-2nd-s-400-battery-parts-to-turkey-completed-defense-ministry-says/amp", "2019-09-15", "2019-09-15", null, null, null, "The original headline was not recorded."]
["turkey-s400/anews-2022-06-29", "turkey-s400", "anews-2022-06-29", "A News", "Pentagon voices support for Turkey's F-16 fleet modernisation plans (descriptive title)", "https://www.anews.com.tr/world/2022/06/29/pentagon-voices-support-for-turkiyes-f-16-fleet-modernization-plans", "2022-06-29", "2022-06-29", null, null, null, "The original headline was not recorded."]
["turkey-s400/anews-2022-06-30", "turkey-s400", "anews-2022-06-30", "A News", "Biden says US should sell F-16 fighter jets to Turkey (descriptive title)", "https://www.anews.com.tr/world/2022/06/30/joe-biden-says-us-should-sell-f-16-fighter-jets-to-turkiye", "2022-06-30", "2022-06-30", null, "Reuters", null, "The original headline was not recorded."]
["turkey-s400/armyrecognition-2017-11", "turkey-s400", "armyrecognition-2017-11", "Army Recognition", "Contract of Russian S-400 missile systems to Turkey could reach $2 billion", "https://armyrecognition.com/november_2017_global_defense_security_news_industry/contract_of_russian_s-400_missile_systems_to_turkey_could_reach_$2_billion.html", "2017-11", "2017-11-01", null, null, null, null]
["turkey-s400/asbarez-2022-08-16", "turkey-s400", "asbarez-2022-08-16", "Asbarez", "Russia Will Supply Turkey With Another S-400 Fleet", "https://asbarez.com/russia-will-supply-turkey-with-another-s-400-fleet/", "2022-08-16", "2022-08-16", null, null, null, null]
["turkey-s400/azonceoldu-msb-s400", "turkey-s400", "azonceoldu-msb-s400", "azonceoldu", "Defence ministry statement on the S-400 (descriptive title)", "https://azonceoldu.com/gundem/milli-savunma-bakanligidan-s-400-aciklamasi-61489", null, null, "tr", null, null, "Quotes the Turkish defence ministry and its tweet of 15 Sep 2019. The original headline and the publication date were not recorded."]
["turkey-s400/bianet-defense-budget-tag", "turkey-s400", "bianet-defense-budget-tag", "bianet", "Tag page on the US defence budget (descriptive title)", "https://ftp.bianet.org/tag/defense-budget-59603", null, null, null, null, null, "An undated tag page. The original headline and the publication date were not recorded."]
["turkey-s400/bianet-f35-suspension", "turkey-s400", "bianet-f35-suspension", "bianet", "Pentagon and White House announce Turkey's suspension from the F-35 programme (descriptive title)", "https://ftp.bianet.org/haber/pentagon-and-white-house-have-announced-turkey-suspended-from-f-35-program-210576", null, null, null, null, null, "The original headline and the publication date were not recorded."]
["turkey-s400/bnnbloomberg-2022-06-30", "turkey-s400", "bnnbloomberg-2022-06-30", "BNN Bloomberg", "Biden supports Turkey F-16 purchase, says Congress will agree (descriptive title)", "https://www.bnnbloomberg.ca/biden-supports-turkey-f-16-purchase-says-congress-will-agree-1.1786125", "2022-06-30", "2022-06-30", null, null, null, "The original headline was not recorded."]
["turkey-s400/business-standard-2017-09-12", "turkey-s400", "business-standard-2017-09-12", "Business Standard", "Turkey signs deal to buy Russian S-400 missiles (descriptive title)", "https://business-standard.com/article/news-ians/turkey-signs-deal-to-buy-russian-s-400-missiles-117091201377_1.html", "2017-09-12", "2017-09-12", null, "IANS", null, "The original headline was not recorded."]
["turkey-s400/c4defence-2021-04-22", "turkey-s400", "c4defence-2021-04-22", "C4Defence", "Turkey officially removed from F-35 program (descriptive title)", "https://www.c4defence.com/en/turkey-officially-removed-from-f-35-program/", "2021-04-22", "2021-04-22", null, null, null, "The original headline was not recorded."]
["turkey-s400/compliancecosmos-f35-removal", "turkey-s400", "compliancecosmos-f35-removal", "Compliance Cosmos", "Ellen Lord on Turkey's removal from the F-35 programme (descriptive title)", "https://dev.compliancecosmos.org/print/pdf/node/35081", null, null, null, null, null, "The original headline and the publication date were not recorded."]
["turkey-s400/csis-s400-deal-signed", "turkey-s400", "csis-s400-deal-signed", "CSIS Missile Threat", "Turkey and Russia Sign Deal for S-400 Purchase", "https://missilethreat.csis.org/turkey-russia-sign-deal-s-400-purchase/", null, null, null, null, null, "The publication date was not recorded."]
["turkey-s400/csis-s400-test", "turkey-s400", "csis-s400-test", "CSIS Missile Threat", "Turkey Tests S-400 Air Defense System", "https://missilethreat.csis.org/turkey-tests-s-400-air-defense-system/", null, null, null, null, null, "The publication date was not recorded."]
["turkey-s400/dailysabah-2019-07-17", "turkey-s400", "dailysabah-2019-07-17", "Daily Sabah", "White House says Turkey's F-35 involvement is impossible (descriptive title)", "https://www.dailysabah.com/defense/2019/07/17/turkeys-involvement-in-f-35-program-impossible-white-house-says", "2019-07-17", "2019-07-17", null, null, null, "The original headline was not recorded."]
["turkey-s400/dailysabah-second-s400-doubt", "turkey-s400", "dailysabah-second-s400-doubt", "Daily Sabah", "Turkish official casts doubt on report of second Russian S-400 sale (descriptive title)", "https://www.dailysabah.com/business/defense/turkish-official-casts-doubt-on-report-of-2nd-russian-s-400-sale/amp", null, null, null, "Reuters", null, "The original headline and the publication date were not recorded."]
["turkey-s400/defenceblog-s400-batch", "turkey-s400", "defenceblog-s400-batch", "Defence Blog", "Russia and Turkey reach agreement on new S-400 deliveries (descriptive title)", "https://defence-blog.com/russia-turkey-reach-agreement-for-delivery-new-s-400-missile-defense-systems/", null, null, null, null, null, "The original headline and the publication date were not recorded."]
["turkey-s400/defenceturkey-2020-12-15", "turkey-s400", "defenceturkey-2020-12-15", "Defence Turkey", "The United States Sanctions Turkey Under CAATSA", "https://www.defenceturkey.com/en/content/the-united-states-sanctions-turkey-under-caatsa-4302", "2020-12-15", "2020-12-15", null, null, null, null]
["turkey-s400/defense-aerospace-2019-11-25", "turkey-s400", "defense-aerospace-2019-11-25", "defense-aerospace.com", "Turkey to Fly F-16s Near Ankara to Test S-400 Radar Systems", "https://www.defense-aerospace.com/cgi-bin/client/modele.pl?shop=dae&modele=release&prod=207730&cat=3", "2019-11-25", "2019-11-25", null, "Daily Sabah", null, null]
["turkey-s400/defensemirror-s400-delivery-date", "turkey-s400", "defensemirror-s400-delivery-date", "Defense Mirror", "S-400 missile defence systems delivery to Turkey in July 2019 (descriptive title)", "https://defensemirror.com/news/22286/S_400_Missile_Defence_Systems_Delivery_to_Turkey_in_July_2019", null, null, null, null, null, "Reports Demir's statement as carried by Hürriyet on 4 Apr 2018. The original headline and the publication date were not recorded."]
["turkey-s400/devdiscourse-2021-10-17", "turkey-s400", "devdiscourse-2021-10-17", "Devdiscourse", "Erdogan says US proposed F-16 sales in return for its F-35 investment (descriptive title)", "https://www.devdiscourse.com/article/law-order/1771121-turkeys-erdogans-says-us-proposed-f-16-sales-in-return-for-its-f-35-investment", "2021-10-17", "2021-10-17", null, "Reuters", null, "The original headline was not recorded."]
["turkey-s400/ekathimerini-ndaa-f35", "turkey-s400", "ekathimerini-ndaa-f35", "Ekathimerini", "Trump signs defense policy bill suspending sale of F-35 jets to Turkey (descriptive title)", "https://www.ekathimerini.com/news/231704/trump-signs-defense-policy-bill-suspending-sale-of-f-35-jets-to-turkey/", null, null, null, null, null, "The original headline and the publication date were not recorded."]
["turkey-s400/finanzen-at-2022-07", "turkey-s400", "finanzen-at-2022-07", "finanzen.at", "ROUNDUP: Biden supports modernisation of Turkey's F-16 fighters (descriptive title)", "https://www.finanzen.at/nachrichten/aktien/roundup-biden-unterstuetzt-modernisierung-der-tuerkischen-f-16-kampfflugzeuge-1031560940", "[2022-06-30,2022-07-01]", "2022-06-30", "de", "dpa-AFX", null, "Dated 30 Jun or 1 Jul 2022. The original headline was not recorded."]
["turkey-s400/flightglobal-f35-turkey", "turkey-s400", "flightglobal-f35-turkey", "Flight Global", "Lockheed presents F-35 to Turkey amid US lawmaker opposition (descriptive title)", "https://www.flightglobal.com/fixed-wing/lockheed-presents-f-35-to-turkey-amid-us-lawmaker-opposition/128552.article", null, null, null, null, null, "The original headline and the publication date were not recorded."]
["turkey-s400/foreignpolicy-2019-06-07", "turkey-s400", "foreignpolicy-2019-06-07", "Foreign Policy", "Pentagon Chief to Suspend Turkey's F-35 Pilot Training", "https://foreignpolicy.com/2019/06/07/pentagon-chief-to-suspend-turkeys-f-35-pilot-training/", "2019-06-07", "2019-06-07", null, null, null, null]
["turkey-s400/gercekgundem-second-shipment", "turkey-s400", "gercekgundem-second-shipment", "gercekgundem", "The second S-400 shipment has begun (descriptive title)", "https://gercekgundem.com/amp/haber/ikinci-s-400-sevkiyati-basladi-114663", null, null, "tr", null, null, "Quotes the Turkish defence ministry. The original headline and the publication date were not recorded."]
["turkey-s400/globaltimes-2019-11-26", "turkey-s400", "globaltimes-2019-11-26", "Global Times", "Xinhua report on Turkey's S-400 (descriptive title)", "http://www.globaltimes.cn/content/1171182.shtml", "2019-11-26", "2019-11-26", null, "Xinhua", null, "The original headline was not recorded."]
["turkey-s400/handelsblatt-2022-08", "turkey-s400", "handelsblatt-2022-08", "Handelsblatt", "Moskau will zum zweiten Mal Flugabwehr S-400 an die Türkei liefern", "https://www.handelsblatt.com/dpa/wirtschaft-moskau-will-zum-zweiten-mal-flugabwehr-s-400-an-die-tuerkei-liefern/28604476.html", "2022-08", "2022-08-01", "de", "dpa", null, "A copy of the dpa story this timeline started from."]
["turkey-s400/handelsblatt-f16-offer", "turkey-s400", "handelsblatt-f16-offer", "Handelsblatt", "US offers Turkey F-16s instead of F-35s (descriptive title)", "https://www.handelsblatt.com/politik/international/ruestung-usa-bieten-der-tuerkei-f-16-statt-f-35-jets-an/27713222.html", null, null, "de", null, null, "The original headline and the publication date were not recorded."]
["turkey-s400/hurriyet-second-s400-delay", "turkey-s400", "hurriyet-second-s400-delay", "Hürriyet Daily News", "Delivery time of 2nd S-400 system extended due to negotiations: Official", "https://hurriyetdailynews.com/amp/delivery-time-of-2nd-s-400-system-extended-due-to-negotiations-official-173320", null, null, null, null, null, "The publication date was not recorded."]
["turkey-s400/infobalkans-2019-04-01", "turkey-s400", "infobalkans-2019-04-01", "infobalkans", "US freezes delivery of F-35 equipment to Turkey over S-400s (descriptive title)", "https://www.infobalkans.com/2019/04/01/us-freezes-delivery-f-35-fighter-equipment-erdogan-back-down-s-400s", "2019-04-01", "2019-04-01", null, "Reuters", null, "The original headline was not recorded."]
["turkey-s400/insidedefense-2020-10-23", "turkey-s400", "insidedefense-2020-10-23", "Inside Defense", "Pentagon condemns Turkish missile test (descriptive title)", "https://insidedefense.com/insider/pentagon-condemns-turkish-missile-test", "2020-10-23", "2020-10-23", null, null, null, "The original headline was not recorded."]
["turkey-s400/islamtimes-2020-06-10", "turkey-s400", "islamtimes-2020-06-10", "Islam Times", "Ankara and Moscow reach agreement on a new S-400 batch (descriptive title)", "https://www.islamtimes.org/en/news/867683/ankara-moscow-reach-agreement-on-new-s-400-batch", "2020-06-10", "2020-06-10", null, null, null, "The original headline was not recorded."]
["turkey-s400/jungewelt-2022-08", "turkey-s400", "jungewelt-2022-08", "junge Welt", "Moskau: Zweite Lieferung von S-400-Flugabwehrsystem an Türkei", "https://www.jungewelt.de/artikel/433060.moskau-zweite-lieferung-von-s-400-flugabwehrsystem-an-t%C3%BCrkei.html", "2022-08", "2022-08-01", "de", "dpa", null, "A copy of the dpa story this timeline started from."]
["turkey-s400/krdnews-s400-statement", "turkey-s400", "krdnews-s400-statement", "krdnews", "Turkish statement on the S-400 (descriptive title)", "https://krdnews.info/turkiyeden-s-400-aciklamasi", null, null, "tr", null, null, "Quotes the Turkish defence ministry. The original headline and the publication date were not recorded."]
["turkey-s400/ktiv-2020-10-16", "turkey-s400", "ktiv-2020-10-16", "KTIV", "Reports say Turkey tests Russian-made S-400 defense system (descriptive title)", "https://ktiv.com/2020/10/16/reports-turkey-tests-russian-made-s-400-defense-system/", "2020-10-16", "2020-10-16", null, "AP", null, "The original headline was not recorded."]
["turkey-s400/mdaa-2019-11-26", "turkey-s400", "mdaa-2019-11-26", "Missile Defense Advocacy Alliance", "Turkey tests Russian S-400 air defense missile system (descriptive title)", "https://missiledefenseadvocacy.org/air-defense/turkey-tests-russian-s-400-air-defense-missile-system/", "2019-11-26", "2019-11-26", null, null, null, "The original headline was not recorded."]
["turkey-s400/militaryview-s400-regiment", "turkey-s400", "militaryview-s400-regiment", "MilitaryView", "Turkey will get a second Russian S-400 air defense regiment (descriptive title)", "https://militaryview.com/turkey-will-get-a-second-russian-s-400-air-defense-regiment/", null, null, null, null, null, "The original headline and the publication date were not recorded."]
["turkey-s400/mirrorspectator-2025-10-02", "turkey-s400", "mirrorspectator-2025-10-02", "The Armenian Mirror-Spectator", "Trump hosts Erdogan as the US considers lifting a ban on F-35 sales (descriptive title)", "https://mirrorspectator.com/2025/10/02/trump-hosts-erdogan-as-the-us-considers-lifting-a-ban-on-f-35-sales-to-nato-ally/", "2025-10-02", "2025-10-02", null, "AP", null, "The original headline was not recorded."]
["turkey-s400/nationthailand-2021-08-24", "turkey-s400", "nationthailand-2021-08-24", "Nation Thailand", "Rosoboronexport expects a second S-400 contract with Turkey (descriptive title)", "https://www.nationthailand.com/international/40005165", "2021-08-24", "2021-08-24", null, null, null, "The original headline was not recorded."]
["turkey-s400/newsaboutturkey-2025-09-19", "turkey-s400", "newsaboutturkey-2025-09-19", "News About Turkey", "Erdogan's first White House visit since 2019 set (descriptive title)", "https://newsaboutturkey.com/2025/09/19/erdogans-first-white-house-visit-since-2019-set-after-alleged-trump-jr-meeting-in-istanbul", "2025-09-19", "2025-09-19", null, null, null, "The original headline was not recorded."]
["turkey-s400/newsam-2019-07-12", "turkey-s400", "newsam-2019-07-12", "news.am", "Turkey receives first shipment of S-400 parts", "https://news.am/eng/news/523539.html", "2019-07-12", "2019-07-12", null, null, null, null]
["turkey-s400/panarmenian-2019-04-02", "turkey-s400", "panarmenian-2019-04-02", "PanARMENIAN", "US halts F-35 equipment deliveries to Turkey (descriptive title)", "http://www.panarmenian.net/eng/news/267171/", "2019-04-02", "2019-04-02", null, null, null, "The original headline was not recorded."]
["turkey-s400/pbs-turkey-fighter-program", "turkey-s400", "pbs-turkey-fighter-program", "PBS NewsHour", "US kicking NATO ally Turkey out of fighter program (descriptive title)", "https://www.pbs.org/newshour/world/u-s-kicking-nato-ally-turkey-out-of-fighter-program", null, null, null, "AP", null, "The original headline and the publication date were not recorded."]
["turkey-s400/presstv-2018-04-03", "turkey-s400", "presstv-2018-04-03", "Press TV", "Putin in Ankara on the S-400 delivery timetable (descriptive title)", "https://presstv.ir/Detail/2018/04/03/557357/turkey-russia-s400-putin", "2018-04-03", "2018-04-03", null, null, null, "The original headline was not recorded."]
["turkey-s400/prothomalo-2022-06-29", "turkey-s400", "prothomalo-2022-06-29", "Prothom Alo", "US signals support for Turkey's plan to buy F-16 warplanes (descriptive title)", "https://en.prothomalo.com/international/americas/us-signals-support-for-turkeys-plan-to-buy-f-16-warplanes", "2022-06-29", "2022-06-29", null, "AFP", null, "The original headline was not recorded."]
["turkey-s400/republicworld-2022-08-16", "turkey-s400", "republicworld-2022-08-16", "Republic World", "Russia and Turkey ink deal for delivery of second batch of S-400 (descriptive title)", "https://www.republicworld.com/world-news/russia-ukraine-crisis/russia-turkey-ink-deal-for-delivery-of-second-batch-of-s-400-missile-system-report-articleshow.html", "2022-08-16", "2022-08-16", null, null, null, "The original headline was not recorded."]
["turkey-s400/reuters-2017-07-25", "turkey-s400", "reuters-2017-07-25", "Reuters", "Turkey's Erdogan says signatures signed on Russian defence system", "http://in.reuters.com/article/turkey-defence-russia-idINKBN1AA124", "2017-07-25", "2017-07-25", null, null, null, null]
["turkey-s400/rferl-2019-07-17", "turkey-s400", "rferl-2019-07-17", "RFE/RL", "U.S. Removing NATO Ally Turkey From Stealth Fighter Jet Program", "https://www.rferl.org/a/u-s-removing-nato-ally-turkey-from-stealth-fighter-jet-program/30061516.html", "2019-07-17", "2019-07-17", null, null, null, null]
["turkey-s400/rusreality-2017-08-22", "turkey-s400", "rusreality-2017-08-22", "rusreality", "Mikheev: a contract with Turkey on the s-400 is not yet signed and not in force", "https://rusreality.com/2017/08/22/mikheev-a-contract-with-turkey-on-the-s-400-is-not-yet-signed-and-not-in-force", "2017-08-22", "2017-08-22", null, "TASS", null, null]
["turkey-s400/sofiaglobe-2022-06-28", "turkey-s400", "sofiaglobe-2022-06-28", "The Sofia Globe", "Turkey unblocks way towards Finnish and Swedish NATO membership (descriptive title)", "https://sofiaglobe.com/2022/06/28/turkiye-unblocks-way-towards-finnish-and-swedish-nato-membership/", "2022-06-28", "2022-06-28", null, null, null, "The original headline was not recorded."]
["turkey-s400/sputnik-2017-09-12", "turkey-s400", "sputnik-2017-09-12", "Sputnik", "Russia and Turkey S-400 deal signed (descriptive title)", "https://sputniknews.com/military/201709121057306611-russia-turkey-s-400/", "2017-09-12", "2017-09-12", null, null, null, "The original headline was not recorded."]
["turkey-s400/sputnik-2017-12-29", "turkey-s400", "sputnik-2017-12-29", "Sputnik", "Russia and Turkey sign S-400 loan agreement (descriptive title)", "https://sputniknews.com/military/201712291060405233-russia-turkey-s-400/", "2017-12-29", "2017-12-29", null, null, null, "The original headline was not recorded."]
["turkey-s400/sputnik-2019-07-12", "turkey-s400", "sputnik-2019-07-12", "Sputnik", "First shipment of Russian S-400 systems delivered to Turkey (descriptive title)", "https://sputniknews.com/military/201907121076223480-first-shipment-of-russian-s-400-missile-systems-delivered-to-turkey---turkish-defence-ministry/", "2019-07-12", "2019-07-12", null, null, null, "The original headline was not recorded."]
["turkey-s400/sputnik-2019-09-15", "turkey-s400", "sputnik-2019-09-15", "Sputnik", "Russia completes second stage of S-400 deliveries to Turkey (descriptive title)", "https://sputniknews.com/military/201909151076807616-russia-completed-second-stage-of-s-400-missile-system-components-delivery---turkish-defence/", "2019-09-15", "2019-09-15", null, null, null, "The original headline was not recorded."]
["turkey-s400/sputnik-2021-10-17", "turkey-s400", "sputnik-2021-10-17", "Sputnik", "Erdogan says US offered F-16s in return for F-35 investment (descriptive title)", "https://sputniknews.com/20211017/erdogan-says-us-offered-to-sell-f-16s-to-turkey-in-return-for-investment-in-f-35-programme-1089985442.html", "2021-10-17", "2021-10-17", null, null, null, "The original headline was not recorded."]
["turkey-s400/sputnik-2022-08-18", "turkey-s400", "sputnik-2022-08-18", "Sputnik", "Russia Begins Supplies of Second S-400 Regiment to Turkey", "https://sputniknews.com/20220818/russia-begins-supplies-of-second-s-400-regiment-to-turkey-defense-cooperation-agency-1099728481.html", "2022-08-18", "2022-08-18", null, null, null, null]
["turkey-s400/sputnik-de-2017-07", "turkey-s400", "sputnik-de-2017-07", "Sputnik Deutsch", "Details on the signing of the S-400 document (descriptive title)", "https://de.sputniknews.com/politik/20170725316747274-details-unterzeichnung-s-400-dokument/", "2017-07", "2017-07-01", "de", null, null, "The original headline was not recorded."]
["turkey-s400/sputnik-pl-2017-11-02", "turkey-s400", "sputnik-pl-2017-11-02", "Sputnik Polska", "How much Russia earns from S-400s for Turkey (descriptive title)", "https://pl.sputniknews.com/gospodarka/201711026617824-S-400-dla-Turcji-ile-zarobi-Rosja/", "2017-11-02", "2017-11-02", "pl", null, null, "The original headline was not recorded."]
["turkey-s400/tass-2017-07-25", "turkey-s400", "tass-2017-07-25", "TASS", "Erdogan announces deal with Russia on S-400 air defense missile systems", "http://tass.com/defense/957699", "2017-07-25", "2017-07-25", null, null, null, null]
["turkey-s400/tass-2019-08-30", "turkey-s400", "tass-2019-08-30", "TASS", "Turkey to receive a regimental set of S-400 (descriptive title)", "https://tass.com/defense/1075750", "2019-08-30", "2019-08-30", null, null, null, "The original headline was not recorded."]
["turkey-s400/timeturk-s400-batteries", "turkey-s400", "timeturk-s400-batteries", "timeturk", "Turkey buys four S-400 batteries from Russia (descriptive title)", "https://timeturk.com/dunya/rusya-turkiye-4-adet-s-400-bataryasini-satin-aldi/haber-814266", null, null, "tr", null, null, "The original headline and the publication date were not recorded."]
["turkey-s400/trend-2017-12-29", "turkey-s400", "trend-2017-12-29", "Trend", "Turkey inks loan agreement with Russia to buy S-400 systems", "https://en.trend.az/world/turkey/2842285.html", "2017-12-29", "2017-12-29", null, null, null, null]
["turkey-s400/trtworld-f35-removal", "turkey-s400", "trtworld-f35-removal", "TRT World", "US formally removes Turkey from F-35 programme", "https://www.trtworld.com/turkey/us-formally-removes-turkey-from-f-35-programme-46112", "2021-04-21/..", "2021-04-21", null, null, null, "Reports the 21 Apr 2021 notification as done, so it was published that day or later; the day itself was not recorded."]
["turkey-s400/turdef-madrid-memorandum", "turkey-s400", "turdef-madrid-memorandum", "TurDef", "Text of the trilateral memorandum signed in Madrid (descriptive title)", "https://turdef.com/Article/trilateral-memorandum-in-madrid-everyone-is-happy/1799", null, null, null, null, null, "The original headline and the publication date were not recorded."]
["turkey-s400/turkishminute-2018-07-24", "turkey-s400", "turkishminute-2018-07-24", "Turkish Minute", "US congressional negotiators agree to prohibit F-35 delivery to Turkey (descriptive title)", "https://turkishminute.com/2018/07/24/us-congressional-negotiators-agree-to-prohibit-f-35-delivery-to-turkey/amp", "2018-07-24", "2018-07-24", null, null, null, "The original headline was not recorded."]
["turkey-s400/turkiyetoday-barrack", "turkey-s400", "turkiyetoday-barrack", "Türkiye Today", "Washington eyes an S-400 fix within six months (descriptive title)", "https://www.turkiyetoday.com/nation/s-400-fix-in-six-washington-eyes-major-reset-in-ties-with-turkiye-3213892", null, null, null, null, null, "The original headline and the publication date were not recorded."]
["turkey-s400/turkiyetoday-buyback", "turkey-s400", "turkiyetoday-buyback", "Türkiye Today", "Russia allegedly seeks to buy back S-400 systems from Turkey (descriptive title)", "https://www.turkiyetoday.com/nation/russia-allegedly-seeks-to-buy-back-s-400-defense-systems-from-turkiye-report-3206856", null, null, null, null, null, "The original headline and the publication date were not recorded."]
["turkey-s400/urdupoint-2021-08-25", "turkey-s400", "urdupoint-2021-08-25", "UrduPoint", "Second contract for Russia's S-400 delivery to Turkey expected (descriptive title)", "https://www.urdupoint.com/en/world/second-contract-for-russias-s-400-delivery-t-1334078.html", "2021-08-25", "2021-08-25", null, "Sputnik", null, "The original headline was not recorded."]
["turkey-s400/urdupoint-2022-08-17", "turkey-s400", "urdupoint-2022-08-17", "UrduPoint", "US State Department says not aware of new S-400 developments (descriptive title)", "https://www.urdupoint.com/en/world/us-state-department-says-not-aware-of-new-s-4-1548021.html", "2022-08-17", "2022-08-17", null, "Sputnik", null, "The original headline was not recorded."]
["turkey-s400/urfanews-s400-delivery-begins", "turkey-s400", "urfanews-s400-delivery-begins", "urfanews", "Defence ministry announces that S-400 deliveries have begun (descriptive title)", "https://www.urfanews.com/milli-savunma-bakanligi-acikladi-s-400-teslimati-basladi/1557", null, null, "tr", null, null, "Quotes the Turkish defence ministry. The original headline and the publication date were not recorded."]
["turkey-s400/wallstreet-online-2022-06-29", "turkey-s400", "wallstreet-online-2022-06-29", "wallstreet-online", "US government supports modernisation of Turkey's F-16 fleet (descriptive title)", "https://www.wallstreet-online.de/nachricht/15638175-us-regierung-unterstuetzt-modernisierung-tuerkischen-f-16-flotte", "2022-06-29", "2022-06-29", "de", "dpa-AFX", null, "Carries the dpa background text later reused in the Aug 2022 story: 'Ende vergangenen Jahres' and '40 neue F-16 und 79 Upgrade-Kits'. The original headline was not recorded."]
["turkey-s400/wapo-2021-11-02", "turkey-s400", "wapo-2021-11-02", "The Washington Post", "Tracking the feuds plaguing the US-Turkey alliance (descriptive title)", "https://www.washingtonpost.com/business/tracking-the-feuds-plaguing-the-us-turkey-alliance/2021/11/02/21ebc72a-3c1d-11ec-bd6f-da376f47304e_story.html", "2021-11-02", "2021-11-02", null, "Bloomberg", null, "The original headline was not recorded."]
["turkey-s400/whbl-2021-10-07", "turkey-s400", "whbl-2021-10-07", "WHBL", "Turkey seeks 40 F-16 jets to upgrade air force -sources", "https://whbl.com/2021/10/07/turkey-seeks-40-f-16-jets-to-upgrade-air-force-sources/", "2021-10-07", "2021-10-07", null, "Reuters", null, null]
["turkey-s400/winston-2020-12-15", "turkey-s400", "winston-2020-12-15", "Winston & Strawn", "US sanctions Turkey over purchase of Russian missile system (descriptive title)", "https://winston.com/en/blogs-and-podcasts/global-trade-and-foreign-policy-insights/us-sanctions-turkey-over-purchase-of-russian-missile-system", "2020-12-15", "2020-12-15", null, null, null, "The original headline was not recorded."]
["turkey-s400/xinhua-2019-11", "turkey-s400", "xinhua-2019-11", "Xinhua", "Delivery of 2nd batch of Russian S-400 systems may be delayed: Turkish official", "http://m.zhongyishudian.com/english/2019-11/05/c_138528378.htm", "2019-11", "2019-11-01", null, null, null, "A mirror of a Xinhua item dated 4 or 5 Nov 2019."]
["turkey-s400/yetkin-2022-08-16", "turkey-s400", "yetkin-2022-08-16", "Yetkin Report", "Russia says new S-400 deal; Turkey says no new deal (descriptive title)", "https://yetkinreport.com/en/2022/08/16/russia-new-deal-on-s400-turkey-no-new-deal", "2022-08-16", "2022-08-16", null, null, null, "The original headline was not recorded."]
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
["turkey-s400/activation-expected", "turkey-s400", "activation-expected", 20, "2019-09-15", "day", "2019-09-15", "2019-09-15", 0, 0, "statement", "Turkish defence ministry expects the S-400s to become operational by April 2020", "confirmed", "Said as the second battery's delivery was completed: the systems 'are expected to become operational by April 2020'. Shugayev (FSVTS) said in Dubai on 17 Nov 2019 that they would enter combat duty by spring 2020. No activation was announced, by April 2020 or later; the press describes the systems as tested but not in active use.", null, null, null, null, "activation", 0, null]
["turkey-s400/akar-first-division", "turkey-s400", "akar-first-division", 19, "2019-08-30", "day", "2019-08-30", "2019-08-30", 0, 0, "statement", "Akar says Turkey received the first S-400 division, with two batteries in it", "confirmed", "Reported by TASS on 30 Aug 2019. TASS says Ankara will receive 'a regimental batch (two divisions)'. The Turkish MoD counts the Jul and Aug-Sep deliveries as two batteries. The unit terms (division, battalion, battery) are used inconsistently.", null, null, null, null, null, 0, null]
["turkey-s400/barrack-four-to-six-months", "turkey-s400", "barrack-four-to-six-months", 45, "2025-12~", "month", "2025-12-01", "2025-12-31", 1, 0, "statement", "US ambassador Barrack expects the S-400 dispute to be resolved in four to six months", "reported", "Barrack named 'two requirements: operability, which has been solved, and possession', the latter 'a little more difficult'. The date is approximate (early December 2025), and sources disagree on the venue (the Milken summit or the Doha Forum). The S-400 purchase is what the White House gave as the reason for ending Turkey's F-35 role: on 17 Jul 2019 it said the purchase 'renders its continued involvement with the F-35 impossible' (see the F-35 suspension of that day).", null, null, null, null, null, 0, null]
["turkey-s400/biden-should-sell-f16", "turkey-s400", "biden-should-sell-f16", 35, "2022-06-30", "day", "2022-06-30", "2022-06-30", 0, 0, "statement", "Biden says 'we should sell them the F-16 jets' and denies a quid pro quo", "confirmed", "Biden: 'There was no quid pro quo with that ... I need congressional approval'. He also said 'I said back in December'; which December he meant is unclear.", null, null, null, null, "f-16; nato; dpa-story", 1, "turkey-f16"]
["turkey-s400/buyback-report", "turkey-s400", "buyback-report", 42, "2025-09-13~", "day", "2025-09-13", "2025-09-13", 1, 0, "offer", "Media report that Russia wants to buy back Turkey's S-400s", "reported", "Türkiye Today calls it an unconfirmed media claim. The report date is approximate.", null, null, null, null, null, 0, null]
["turkey-s400/caatsa-sanctions", "turkey-s400", "caatsa-sanctions", 26, "2020-12-14", "day", "2020-12-14", "2020-12-14", 0, 0, "sanction", "US imposes CAATSA sanctions on SSB over the S-400 purchase", "confirmed", "SSB head Ismail Demir and three officials are put on the SDN list. All US export licences and authorizations to SSB are banned.", null, null, null, null, "caatsa; dpa-story", 0, null]
["turkey-s400/congress-f35-hold", "turkey-s400", "congress-f35-hold", 11, "2018-06-18/2018-08-13", "day", "2018-06-18", "2018-08-13", 0, 0, "suspension", "US Congress passes the FY2019 defence law, which bars F-35 transfers to Turkey for 90 days", "confirmed", "The Senate passed its version of the FY2019 National Defense Authorization Act with the clause on 18 Jun 2018 (Flight Global), House and Senate negotiators agreed on it on 23 Jul 2018 (Turkish Minute), and Trump signed the law on 13 Aug 2018: it bars the transfer of F-35s to Turkey for 90 days, pending a report (Ekathimerini). bianet reports that the Senate and the House agreed on the law on defence expenditures in 2019 and that Congress 'has temporarily stopped the delivery of F-35 jets to Turkey'. The Consolidated Appropriations Act 2019 blocked the transfer again in February 2019 (a separate event of the F-35 timeline).", null, null, null, null, "f-35", 1, "turkey-f35"]
["turkey-s400/contract-announced", "turkey-s400", "contract-announced", 7, "[2017-09-10,2017-09-11,2017-09-12]", "day", "2017-09-10", "2017-09-12", 0, 0, "contract", "Turkey announces the S-400 contract is signed and a deposit paid; the Kremlin confirms", "confirmed", "Erdogan: 'A deposit has also been paid as far as I know.' Kozhin: 'The contract has been signed and is being prepared for implementation.' CSIS puts the deal at about $2.5 bn. Sources disagree on the day: the reports appeared on 12 Sep 2017 (CSIS: 'Turkey announced September 12'), but one report says Erdogan spoke on 10 Sep, on his return from Kazakhstan, and another on Monday, 11 Sep. This is the date of the announcement, not necessarily of the signature: the Turkish defence ministry dates the signature to 11 Apr 2017, which Russia has not confirmed, and other sources give 25 Jul 2017 and December 2017.", null, null, null, null, "signing-date; dpa-story; nato", 0, null]
["turkey-s400/delivery-brought-forward", "turkey-s400", "delivery-brought-forward", 10, "2018-04-03", "day", "2018-04-03", "2018-04-03", 0, 0, "statement", "Putin says the S-400 timetable is sped up; Demir says delivery moves to July 2019", "confirmed", "Putin, in Ankara: 'We took the decision to speed up the timetable.' SSB head Ismail Demir tweeted the same day that the delivery had been brought forward to July 2019 (Hürriyet, 4 Apr 2018, via Defense Mirror).", "Ankara", null, null, null, null, 0, null]
["turkey-s400/demir-second-batch-planned", "turkey-s400", "demir-second-batch-planned", 32, "2022-04-26", "day", "2022-04-26", "2022-04-26", 0, 0, "statement", "SSB head Demir says the second batch was planned from the start, delayed by tech-transfer talks", "confirmed", "Demir told TRT that Turkey and Russia had agreed on the procurement of two batches.", null, null, null, null, "second-batch", 0, null]
["turkey-s400/erdogan-f16-offer", "turkey-s400", "erdogan-f16-offer", 31, "2021-10-17", "day", "2021-10-17", "2021-10-17", 0, 0, "offer", "Erdogan says the US offered F-16s in return for Turkey's $1.4 bn F-35 outlay", "disputed", "Erdogan: 'We are talking $1.4 billion spent on F-35s. As a return for this investment, the US approached us with this offer.' The State Department (Ned Price, as cited by RT DE in October 2021) said the US had made no financing offers for Turkey's F-16 request. The dpa background text (June 2022, reused in the August 2022 story) dates the offer to the 'end of last year', which is imprecise: Erdogan spoke on 17 Oct 2021.", null, null, null, null, "f-16; dpa-story", 1, "turkey-f16"]
["turkey-s400/erdogan-signatures-claim", "turkey-s400", "erdogan-signatures-claim", 5, "2017-07-25", "day", "2017-07-25", "2017-07-25", 0, 0, "statement", "Erdogan says signatures have been put on the S-400 deal", "disputed", "Erdogan: 'Signatures have been put.' The Kremlin gave 'No comment.' A Turkish government source quoted by Sputnik Deutsch said no contract had been signed, only an agreement in principle. Rosoboronexport said on 22 Aug 2017 that the contract was not yet signed.", null, null, null, null, "signing-date; dpa-story", 0, null]
["turkey-s400/f16-delegation-to-us", "turkey-s400", "f16-delegation-to-us", 37, "2022-08-15", "day", "2022-08-15", "2022-08-15", 0, 0, "negotiation", "Turkish defence ministry says a technical delegation is going to the US for F-16 talks", "confirmed", "Announced on 15 Aug 2022 (Yetkin Report, 16 Aug).", null, null, null, null, "f-16", 1, "turkey-f16"]
["turkey-s400/f16-request", "turkey-s400", "f16-request", 30, "[2021-09-30,2021-10]", "month", "2021-09-30", "2021-10-31", 0, 0, "request", "Turkey formally requests 40 new F-16s and about 80 modernisation kits", "confirmed", "Sources disagree on the date. Bloomberg, in the Washington Post, says Turkey sent the formal request on 30 Sep 2021, while the US State Department, Anadolu and Daily Sabah say October 2021. Reuters reported the request on 7 Oct 2021. Al-Monitor (Nov 2024) says Turkey tabled its bid in 2020, against every other source.", null, 40, "aircraft", 0, "f-16; dpa-story", 1, "turkey-f16"]
["turkey-s400/f35-equipment-halt", "turkey-s400", "f35-equipment-halt", 12, "2019-04-01", "day", "2019-04-01", "2019-04-01", 0, 0, "suspension", "US halts deliveries of F-35 equipment to Turkey", "confirmed", "'Deliveries and activities associated with the stand-up of Turkey's F-35 operational capability have been suspended.' An archived DW page carries the metadata date 26 Mar 2019, which conflicts with the reported Monday, 1 Apr. It is treated as a metadata error and not cited.", null, null, null, null, "f-35; dpa-story", 1, "turkey-f35"]
["turkey-s400/f35-mou-notification", "turkey-s400", "f35-mou-notification", 27, "2021-04-21", "day", "2021-04-21", "2021-04-21", 0, 0, "cancellation", "US formally notifies Turkey that it is out of the F-35 memorandum of understanding", "confirmed", "Notified on 21 Apr and reported on 22 Apr 2021: the Joint Memorandum of Understanding 'signed by Turkey on January 26, 2007, has been cancelled', and a new memorandum among the remaining eight partners replaces it. Sources disagree on when the removal was final: the Washington Post (2 Nov 2021) says the US 'finalized Turkey's removal' about a week before 30 Sep 2021 (the separate event of about 23 Sep 2021).", null, null, null, null, "f-35; dpa-story", 1, "turkey-f35"]
["turkey-s400/f35-removal-finalized-wapo", "turkey-s400", "f35-removal-finalized-wapo", 29, "2021-09-23~", "day", "2021-09-23", "2021-09-23", 1, 0, "cancellation", "US finalizes Turkey's removal from the F-35 programme, according to the Washington Post", "reported", "The Post (2 Nov 2021) dates this about a week before Turkey's F-16 request of 30 Sep 2021, hence the approximate date. It conflicts with the memorandum notification of 21 Apr 2021 reported by TRT World and C4Defence.", null, null, null, null, "f-35", 1, "turkey-f35"]
["turkey-s400/f35-suspension", "turkey-s400", "f35-suspension", 17, "2019-07-17", "day", "2019-07-17", "2019-07-17", 0, 0, "suspension", "US suspends Turkey from the F-35 programme and starts its formal removal", "confirmed", "White House: the S-400 purchase 'renders its continued involvement with the F-35 impossible'; 'The F-35 cannot coexist with a Russian intelligence collection platform.' Ellen Lord said the US would 'suspend Turkey from the program and initiate the process to formally remove' it, and that the removal was to be completed by March 2020 (Compliance Cosmos). The formal notification came on 21 Apr 2021.", null, null, null, null, "f-35; dpa-story", 1, "turkey-f35"]
["turkey-s400/final-stage-of-talks", "turkey-s400", "final-stage-of-talks", 2, "2017-04~", "month", "2017-04-01", "2017-04-30", 1, 0, "negotiation", "Turkey says S-400 talks have reached a 'final stage'", "reported", "Reuters (25 Jul 2017) reports that Turkey said in April it had reached a 'final stage' in the talks; the month is approximate. Reuters speaks of talks, not of a signature, but later sources date the signature to that month: the Turkish defence ministry to 11 Apr 2017 (its statements of 2019, the separate event of that day), Xinhua/Global Times (26 Nov 2019) to April 2017, and Sputnik Japan (Nov 2019) to April 2017 in Moscow, by Rosoboronexport.", null, null, null, null, "signing-date", 0, null]
["turkey-s400/first-battery-delivered", "turkey-s400", "first-battery-delivered", 15, "2019-07-12/2019-07-25", "day", "2019-07-12", "2019-07-25", 0, 0, "delivery", "First S-400 battery delivered", "confirmed", "Per the Turkish MoD, the first battery's equipment was delivered on 12-25 Jul 2019.", "Mürted (Akıncı) air base, Ankara", 1, "battery", 0, "dpa-story", 0, null]
["turkey-s400/first-delivery-begins", "turkey-s400", "first-delivery-begins", 14, "2019-07-12", "day", "2019-07-12", "2019-07-12", 0, 0, "delivery", "First S-400 components arrive at Mürted air base, Ankara", "confirmed", "Per the Turkish MoD, deliveries 'began as of Jul 12, 2019', the month to which the delivery had been brought forward on 3 Apr 2018. The ministry's statements of 2019 date the contract to 11 Apr 2017 (the event of that day).", "Mürted (Akıncı) air base, Ankara", null, null, null, "dpa-story", 0, null]
["turkey-s400/live-fire-test", "turkey-s400", "live-fire-test", 24, "2020-10-16", "day", "2020-10-16", "2020-10-16", 0, 0, "test", "First S-400 live-fire test, near Sinop on the Black Sea", "confirmed", "The test window was 13-17 Oct. Erdogan confirmed the test on 23 Oct 2020.", "Sinop, Black Sea coast", null, null, null, "dpa-story", 0, null]
["turkey-s400/loan-agreement-signed", "turkey-s400", "loan-agreement-signed", 9, "2017-12-29", "day", "2017-12-29", "2017-12-29", 0, 0, "contract", "Final/loan agreement signed in Ankara: 45% upfront, 55% through a Russian loan", "confirmed", "Chemezov: '45 percent ... in advance and 55 percent through a Russian loan.' Many later reports, for example Sputnik (15 Sep 2019), date the $2.5 bn contract itself to December 2017. Compare the 12 Sep 2017 announcement.", "Ankara", null, null, null, "signing-date; dpa-story", 0, null]
["turkey-s400/madrid-memorandum", "turkey-s400", "madrid-memorandum", 33, "2022-06-28", "day", "2022-06-28", "2022-06-28", 0, 0, "agreement", "Turkey, Finland and Sweden sign the Madrid memorandum; Turkey lifts its NATO veto", "confirmed", "The arms clause concerns Finland and Sweden, not the US: the three states confirm 'there are no national arms embargoes between them', and Sweden is changing its arms-export rules. A US official said Turkey's requests to the United States for warplanes were not part of the NATO agreement (Defence Redefined, 29 Jun 2022). A dpa-AFX report of June 2022 says only that Turkey was accommodated on arms exports ('man sei der Türkei bei Waffenexporten ... entgegengekommen'), without naming by whom; the dpa story of August 2022 that reused it says the USA made the concessions, a misattribution.", "Madrid", null, null, null, "nato; dpa-story", 1, null]
["turkey-s400/mod-s400-in-inventory", "turkey-s400", "mod-s400-in-inventory", 43, "2025-09-18", "day", "2025-09-18", "2025-09-18", 0, 0, "statement", "Turkish MoD says the S-400s remain in its inventory", "confirmed", null, null, null, null, null, null, 0, null]
["turkey-s400/mod-signing-date", "turkey-s400", "mod-signing-date", 3, "2017-04-11", "day", "2017-04-11", "2017-04-11", 0, 0, "contract", "S-400 supply contract signed, by the Turkish defence ministry's account", "claimed", "The Turkish defence ministry's statements of 12 Jul, 27 Aug and 15 Sep 2019 open by saying that the supply contract was signed on 11 Apr 2017 ('tedarik sözleşmesi 11 Nisan 2017'de ... imzalanmıştır'). This is Turkey's official date; Russia has not confirmed it. Other sources disagree: Erdogan said on 25 Jul 2017 that signatures had been put, Rosoboronexport said on 22 Aug 2017 that the contract was not yet signed, Turkey announced the signing in September 2017, and many later reports date the contract to the loan agreement of December 2017.", null, null, null, null, "signing-date", 0, null]
["turkey-s400/pentagon-supports-f16-modernisation", "turkey-s400", "pentagon-supports-f16-modernisation", 34, "2022-06-29", "day", "2022-06-29", "2022-06-29", 0, 0, "statement", "Pentagon 'fully supports' Turkey's F-16 modernisation plans; Biden and Erdogan meet in Madrid", "confirmed", "Wallander (Pentagon): 'the US Department of Defense fully supports Turkey's modernization plans for its F-16 fleet. These plans are in the works.' Biden and Erdogan met in Madrid the same day; where Wallander spoke is not recorded.", null, null, null, null, "f-16; nato; dpa-story", 1, "turkey-f16"]
["turkey-s400/principal-agreements", "turkey-s400", "principal-agreements", 4, "2017-05", "month", "2017-05-01", "2017-05-31", 0, 0, "agreement", "Turkey and Russia are reported to have reached principal agreements", "reported", null, null, null, null, null, null, 0, null]
["turkey-s400/radar-tests", "turkey-s400", "radar-tests", 22, "2019-11-25/2019-11-26", "day", "2019-11-25", "2019-11-26", 0, 0, "test", "S-400 radar tests with Turkish F-16s over Ankara", "confirmed", "F-16s flew low- and high-altitude test flights on Monday and Tuesday. Reports of radar tests in October 2019 could not be confirmed and are left out.", "Ankara (Mürted)", null, null, null, "dpa-story", 0, null]
["turkey-s400/rosoboronexport-expects-second-contract", "turkey-s400", "rosoboronexport-expects-second-contract", 28, "2021-08-24?", "day", "2021-08-24", "2021-08-24", 0, 1, "statement", "Rosoboronexport expects a second S-400 contract with Turkey within the year", "confirmed", "'We expect that the second contract on S-400 for Turkey will be signed this year.' Said at the Army-2021 forum (23-25 Aug) and reported by Nation Thailand on 24 Aug, so on or before that day; the day itself is not reported.", "Army-2021 forum, Russia", null, null, null, "second-batch", 0, null]
["turkey-s400/rosoboronexport-not-signed", "turkey-s400", "rosoboronexport-not-signed", 6, "2017-08-22", "day", "2017-08-22", "2017-08-22", 0, 0, "statement", "Rosoboronexport says the S-400 contract with Turkey is not yet signed", "confirmed", "Reported via TASS: the contract is 'not yet signed and not in force'. This contradicts Erdogan's claim of 25 Jul 2017 and the Turkish defence ministry's later date of 11 Apr 2017.", "Army-2017 forum, Russia", null, null, null, "signing-date; dpa-story", 0, null]
["turkey-s400/rostec-contract-value", "turkey-s400", "rostec-contract-value", 8, "2017-11-02", "day", "2017-11-02", "2017-11-02", 0, 0, "statement", "Rostec puts the contract value at over $2 bn for four S-400 units", "confirmed", "Chemezov gives the value as over $2 bn, while most other reports give $2.5 bn. The quantity unit is ambiguous.", null, 4, "battery", 1, null, 0, null]
["turkey-s400/second-batch-agreement-in-principle", "turkey-s400", "second-batch-agreement-in-principle", 23, "2020-06-08~", "day", "2020-06-08", "2020-06-08", 1, 0, "agreement", "SSB says Turkey and Russia agreed in principle on a second S-400 batch", "claimed", "The day is inferred from 'on Monday' in an NTV interview reported on 10 Jun 2020. The agreement includes technology transfer and joint production.", null, null, null, null, "second-batch", 0, null]
["turkey-s400/second-batch-may-slip", "turkey-s400", "second-batch-may-slip", 21, "2019-11-04", "day", "2019-11-04", "2019-11-04", 0, 0, "statement", "SSB says the second S-400 batch may slip past 2020 over technology transfer", "confirmed", "Delivery 'may be delayed beyond the planned timeline of 2020' because of talks on technology sharing and joint production.", null, null, null, null, "second-batch", 0, null]
["turkey-s400/second-battery-delivered", "turkey-s400", "second-battery-delivered", 18, "2019-08-27/2019-09-15", "day", "2019-08-27", "2019-09-15", 0, 0, "delivery", "Second S-400 battery delivered", "confirmed", "Per the Turkish MoD, this delivery began on 27 Aug and was completed on 15 Sep 2019. It completed the first batch, or first regiment.", null, 1, "battery", 0, "dpa-story", 0, null]
["turkey-s400/second-contract-claim", "turkey-s400", "second-contract-claim", 38, "2022-08-16", "day", "2022-08-16", "2022-08-16", 0, 0, "contract", "Shugayev says a contract for a second S-400 regiment has been signed", "disputed", "Shugayev told TASS that 'the relevant contract has already been signed' and provides for localizing production of some components. He did not say when it was signed. The explicit denial came from a Turkish defence official quoted by Reuters: the original contract 'already included two batches ... there are no new agreements'. SSB said only that there was 'no new development'. The dpa story's 'two regiments' in the first contract rests on untraced 'earlier statements'.", "Army-2022 forum near Moscow", 1, "regiment", 0, "second-batch; dpa-story", 0, null]
["turkey-s400/second-regiment-supplies-claim", "turkey-s400", "second-regiment-supplies-claim", 41, "2022-08-18", "day", "2022-08-18", "2022-08-18", 0, 0, "statement", "Shugayev tells Sputnik that supplies of the second S-400 regiment have begun", "claimed", "The Sputnik headline says supplies have begun, but the quote only says implementation 'has already began'. No delivery of a second batch has been found, so this is recorded as a statement, not a delivery. The Turkish side denies any new deal (16 Aug 2022).", null, null, null, null, "second-batch; dpa-story", 0, null]
["turkey-s400/shanahan-letter", "turkey-s400", "shanahan-letter", 13, "2019-06-06", "day", "2019-06-06", "2019-06-06", 0, 0, "suspension", "Shanahan's letter to Akar says Turkish F-35 participation will be wound down by 31 Jul 2019", "confirmed", "The letter to Hulusi Akar was signed on 6 Jun 2019 and published by Foreign Policy on 7 Jun. The 42 Turkish F-35 students in the US were to depart by 31 Jul 2019.", null, null, null, null, "f-35", 1, "turkey-f35"]
["turkey-s400/sochi-meeting", "turkey-s400", "sochi-meeting", 36, "2022-08-05", "day", "2022-08-05", "2022-08-05", 0, 0, "negotiation", "Putin and Erdogan meet in Sochi", "confirmed", "Included as background in reports on the second S-400 contract.", "Sochi", null, null, null, null, 1, null]
["turkey-s400/state-dept-no-new-developments", "turkey-s400", "state-dept-no-new-developments", 40, "2022-08-16", "day", "2022-08-16", "2022-08-16", 0, 0, "statement", "US State Department says it is not aware of any new S-400 developments", "confirmed", "Reported on 17 Aug 2022.", null, null, null, null, "second-batch", 0, null]
["turkey-s400/talks-become-public", "turkey-s400", "talks-become-public", 1, "2016-11", "month", "2016-11-01", "2016-11-30", 0, 0, "negotiation", "Turkish-Russian talks on the S-400 become public", "reported", null, null, null, null, null, null, 0, null]
["turkey-s400/test-confirmed-and-condemned", "turkey-s400", "test-confirmed-and-condemned", 25, "2020-10-23", "day", "2020-10-23", "2020-10-23", 0, 0, "statement", "Erdogan confirms the S-400 test; the Pentagon condemns it", "confirmed", null, null, null, null, null, null, 0, null]
["turkey-s400/trump-erdogan-white-house", "turkey-s400", "trump-erdogan-white-house", 44, "2025-09-25", "day", "2025-09-25", "2025-09-25", 0, 0, "negotiation", "Trump and Erdogan discuss the S-400 and F-35 at the White House", "confirmed", "AP reported the meeting as the US considered lifting its ban on F-35 sales to Turkey.", "White House, Washington", null, null, null, "f-35", 0, null]
["turkey-s400/trump-no-f35", "turkey-s400", "trump-no-f35", 16, "2019-07-16", "day", "2019-07-16", "2019-07-16", 0, 0, "statement", "Trump rules out F-35 sales to Turkey over the S-400 purchase, as RFE/RL and AP report", "confirmed", "RFE/RL and AP report that Trump announced on 16 Jul 2019 that the S-400 purchase means Turkey will not be allowed to buy any F-35s. The wording is the reporters' paraphrase, not a quotation of Trump.", null, null, null, null, "f-35", 1, "turkey-f35"]
["turkey-s400/turkey-no-new-deal", "turkey-s400", "turkey-no-new-deal", 39, "2022-08-16", "day", "2022-08-16", "2022-08-16", 0, 0, "statement", "SSB says there is 'no new development'; a Turkish official says both batches were in the original contract", "confirmed", "SSB: 'According to the agreement made on the first day, the process continues.' A Turkish defence official (Reuters, via Daily Sabah) said the original contract 'already included two batches ... there are no new agreements'.", null, null, null, null, "second-batch; dpa-story", 0, null]
CREATE TABLE "event_sources" (
   "event" TEXT REFERENCES "events"("key"),
   "source" TEXT REFERENCES "sources"("key"),
   "position" INTEGER,
   PRIMARY KEY ("event", "source")
);
["turkey-s400/activation-expected", "turkey-s400/sputnik-2019-09-15", 1]
["turkey-s400/akar-first-division", "turkey-s400/tass-2019-08-30", 1]
["turkey-s400/barrack-four-to-six-months", "turkey-s400/turkiyetoday-barrack", 1]
["turkey-s400/biden-should-sell-f16", "turkey-s400/anews-2022-06-30", 2]
["turkey-s400/biden-should-sell-f16", "turkey-s400/bnnbloomberg-2022-06-30", 1]
["turkey-s400/biden-should-sell-f16", "turkey-s400/finanzen-at-2022-07", 3]
["turkey-s400/buyback-report", "turkey-s400/turkiyetoday-buyback", 1]
["turkey-s400/caatsa-sanctions", "turkey-s400/defenceturkey-2020-12-15", 1]
["turkey-s400/caatsa-sanctions", "turkey-s400/winston-2020-12-15", 2]
["turkey-s400/congress-f35-hold", "turkey-s400/bianet-defense-budget-tag", 4]
["turkey-s400/congress-f35-hold", "turkey-s400/ekathimerini-ndaa-f35", 1]
["turkey-s400/congress-f35-hold", "turkey-s400/flightglobal-f35-turkey", 3]
["turkey-s400/congress-f35-hold", "turkey-s400/turkishminute-2018-07-24", 2]
["turkey-s400/contract-announced", "turkey-s400/business-standard-2017-09-12", 3]
["turkey-s400/contract-announced", "turkey-s400/csis-s400-deal-signed", 1]
["turkey-s400/contract-announced", "turkey-s400/sputnik-2017-09-12", 2]
["turkey-s400/delivery-brought-forward", "turkey-s400/defensemirror-s400-delivery-date", 2]
["turkey-s400/delivery-brought-forward", "turkey-s400/presstv-2018-04-03", 1]
["turkey-s400/demir-second-batch-planned", "turkey-s400/hurriyet-second-s400-delay", 1]
["turkey-s400/erdogan-f16-offer", "turkey-s400/devdiscourse-2021-10-17", 1]
["turkey-s400/erdogan-f16-offer", "turkey-s400/handelsblatt-f16-offer", 3]
["turkey-s400/erdogan-f16-offer", "turkey-s400/jungewelt-2022-08", 5]
["turkey-s400/erdogan-f16-offer", "turkey-s400/sputnik-2021-10-17", 2]
["turkey-s400/erdogan-f16-offer", "turkey-s400/wallstreet-online-2022-06-29", 4]
["turkey-s400/erdogan-signatures-claim", "turkey-s400/reuters-2017-07-25", 2]
["turkey-s400/erdogan-signatures-claim", "turkey-s400/sputnik-de-2017-07", 3]
["turkey-s400/erdogan-signatures-claim", "turkey-s400/tass-2017-07-25", 1]
["turkey-s400/f16-delegation-to-us", "turkey-s400/yetkin-2022-08-16", 1]
["turkey-s400/f16-request", "turkey-s400/wallstreet-online-2022-06-29", 3]
["turkey-s400/f16-request", "turkey-s400/wapo-2021-11-02", 1]
["turkey-s400/f16-request", "turkey-s400/whbl-2021-10-07", 2]
["turkey-s400/f35-equipment-halt", "turkey-s400/infobalkans-2019-04-01", 1]
["turkey-s400/f35-equipment-halt", "turkey-s400/panarmenian-2019-04-02", 2]
["turkey-s400/f35-mou-notification", "turkey-s400/c4defence-2021-04-22", 2]
["turkey-s400/f35-mou-notification", "turkey-s400/trtworld-f35-removal", 1]
["turkey-s400/f35-mou-notification", "turkey-s400/wapo-2021-11-02", 3]
["turkey-s400/f35-removal-finalized-wapo", "turkey-s400/wapo-2021-11-02", 1]
["turkey-s400/f35-suspension", "turkey-s400/bianet-f35-suspension", 3]
["turkey-s400/f35-suspension", "turkey-s400/compliancecosmos-f35-removal", 4]
["turkey-s400/f35-suspension", "turkey-s400/dailysabah-2019-07-17", 2]
["turkey-s400/f35-suspension", "turkey-s400/rferl-2019-07-17", 1]
["turkey-s400/final-stage-of-talks", "turkey-s400/globaltimes-2019-11-26", 2]
["turkey-s400/final-stage-of-talks", "turkey-s400/reuters-2017-07-25", 1]
["turkey-s400/first-battery-delivered", "turkey-s400/anews-2019-09-15", 1]
["turkey-s400/first-delivery-begins", "turkey-s400/newsam-2019-07-12", 1]
["turkey-s400/first-delivery-begins", "turkey-s400/sputnik-2019-07-12", 2]
["turkey-s400/live-fire-test", "turkey-s400/csis-s400-test", 1]
["turkey-s400/live-fire-test", "turkey-s400/insidedefense-2020-10-23", 3]
["turkey-s400/live-fire-test", "turkey-s400/ktiv-2020-10-16", 2]
["turkey-s400/loan-agreement-signed", "turkey-s400/sputnik-2017-12-29", 2]
["turkey-s400/loan-agreement-signed", "turkey-s400/sputnik-2019-09-15", 3]
["turkey-s400/loan-agreement-signed", "turkey-s400/trend-2017-12-29", 1]
["turkey-s400/madrid-memorandum", "turkey-s400/jungewelt-2022-08", 4]
["turkey-s400/madrid-memorandum", "turkey-s400/sofiaglobe-2022-06-28", 1]
["turkey-s400/madrid-memorandum", "turkey-s400/turdef-madrid-memorandum", 2]
["turkey-s400/madrid-memorandum", "turkey-s400/wallstreet-online-2022-06-29", 3]
["turkey-s400/mod-s400-in-inventory", "turkey-s400/newsaboutturkey-2025-09-19", 1]
["turkey-s400/mod-signing-date", "turkey-s400/akgazete-s400-ankara", 2]
["turkey-s400/mod-signing-date", "turkey-s400/azonceoldu-msb-s400", 1]
["turkey-s400/mod-signing-date", "turkey-s400/gercekgundem-second-shipment", 4]
["turkey-s400/mod-signing-date", "turkey-s400/krdnews-s400-statement", 3]
["turkey-s400/mod-signing-date", "turkey-s400/urfanews-s400-delivery-begins", 5]
["turkey-s400/pentagon-supports-f16-modernisation", "turkey-s400/anews-2022-06-29", 1]
["turkey-s400/pentagon-supports-f16-modernisation", "turkey-s400/prothomalo-2022-06-29", 2]
["turkey-s400/pentagon-supports-f16-modernisation", "turkey-s400/wallstreet-online-2022-06-29", 3]
["turkey-s400/principal-agreements", "turkey-s400/armyrecognition-2017-11", 1]
["turkey-s400/radar-tests", "turkey-s400/defense-aerospace-2019-11-25", 1]
["turkey-s400/radar-tests", "turkey-s400/mdaa-2019-11-26", 2]
["turkey-s400/rosoboronexport-expects-second-contract", "turkey-s400/nationthailand-2021-08-24", 1]
["turkey-s400/rosoboronexport-expects-second-contract", "turkey-s400/urdupoint-2021-08-25", 2]
["turkey-s400/rosoboronexport-not-signed", "turkey-s400/rusreality-2017-08-22", 1]
["turkey-s400/rostec-contract-value", "turkey-s400/armyrecognition-2017-11", 2]
["turkey-s400/rostec-contract-value", "turkey-s400/sputnik-pl-2017-11-02", 1]
["turkey-s400/rostec-contract-value", "turkey-s400/timeturk-s400-batteries", 3]
["turkey-s400/second-batch-agreement-in-principle", "turkey-s400/defenceblog-s400-batch", 2]
["turkey-s400/second-batch-agreement-in-principle", "turkey-s400/islamtimes-2020-06-10", 1]
["turkey-s400/second-batch-may-slip", "turkey-s400/xinhua-2019-11", 1]
["turkey-s400/second-battery-delivered", "turkey-s400/anews-2019-09-15", 2]
["turkey-s400/second-battery-delivered", "turkey-s400/sputnik-2019-09-15", 1]
["turkey-s400/second-contract-claim", "turkey-s400/asbarez-2022-08-16", 1]
["turkey-s400/second-contract-claim", "turkey-s400/handelsblatt-2022-08", 5]
["turkey-s400/second-contract-claim", "turkey-s400/jungewelt-2022-08", 4]
["turkey-s400/second-contract-claim", "turkey-s400/militaryview-s400-regiment", 3]
["turkey-s400/second-contract-claim", "turkey-s400/republicworld-2022-08-16", 2]
["turkey-s400/second-regiment-supplies-claim", "turkey-s400/sputnik-2022-08-18", 1]
["turkey-s400/shanahan-letter", "turkey-s400/foreignpolicy-2019-06-07", 1]
["turkey-s400/sochi-meeting", "turkey-s400/republicworld-2022-08-16", 1]
["turkey-s400/state-dept-no-new-developments", "turkey-s400/urdupoint-2022-08-17", 1]
["turkey-s400/talks-become-public", "turkey-s400/armyrecognition-2017-11", 1]
["turkey-s400/test-confirmed-and-condemned", "turkey-s400/insidedefense-2020-10-23", 1]
["turkey-s400/trump-erdogan-white-house", "turkey-s400/mirrorspectator-2025-10-02", 1]
["turkey-s400/trump-no-f35", "turkey-s400/pbs-turkey-fighter-program", 2]
["turkey-s400/trump-no-f35", "turkey-s400/rferl-2019-07-17", 1]
["turkey-s400/turkey-no-new-deal", "turkey-s400/dailysabah-second-s400-doubt", 1]
["turkey-s400/turkey-no-new-deal", "turkey-s400/jungewelt-2022-08", 3]
["turkey-s400/turkey-no-new-deal", "turkey-s400/yetkin-2022-08-16", 2]
CREATE TABLE "event_actors" (
   "event" TEXT REFERENCES "events"("key"),
   "actor" TEXT REFERENCES "actors"("key"),
   "role" TEXT,
   "position" INTEGER,
   PRIMARY KEY ("event", "actor", "role")
);
["turkey-s400/activation-expected", "turkey-s400/turkey-mod", "actor", 1]
["turkey-s400/akar-first-division", "turkey-s400/akar", "actor", 1]
["turkey-s400/barrack-four-to-six-months", "turkey-s400/barrack", "actor", 1]
["turkey-s400/biden-should-sell-f16", "turkey-s400/biden", "actor", 1]
["turkey-s400/buyback-report", "turkey-s400/russia", "actor", 1]
["turkey-s400/caatsa-sanctions", "turkey-s400/usa", "actor", 1]
["turkey-s400/congress-f35-hold", "turkey-s400/trump", "actor", 2]
["turkey-s400/congress-f35-hold", "turkey-s400/us-congress", "actor", 1]
["turkey-s400/contract-announced", "turkey-s400/erdogan", "actor", 1]
["turkey-s400/contract-announced", "turkey-s400/kozhin", "actor", 2]
["turkey-s400/contract-announced", "turkey-s400/russia", "actor", 4]
["turkey-s400/contract-announced", "turkey-s400/turkey", "actor", 3]
["turkey-s400/delivery-brought-forward", "turkey-s400/demir", "actor", 2]
["turkey-s400/delivery-brought-forward", "turkey-s400/putin", "actor", 1]
["turkey-s400/demir-second-batch-planned", "turkey-s400/demir", "actor", 1]
["turkey-s400/erdogan-f16-offer", "turkey-s400/erdogan", "actor", 1]
["turkey-s400/erdogan-f16-offer", "turkey-s400/erdogan", "claimed_by", 1]
["turkey-s400/erdogan-f16-offer", "turkey-s400/us-state-dept", "disputed_by", 1]
["turkey-s400/erdogan-signatures-claim", "turkey-s400/erdogan", "actor", 1]
["turkey-s400/erdogan-signatures-claim", "turkey-s400/erdogan", "claimed_by", 1]
["turkey-s400/erdogan-signatures-claim", "turkey-s400/rosoboronexport", "disputed_by", 1]
["turkey-s400/f16-delegation-to-us", "turkey-s400/turkey-mod", "actor", 1]
["turkey-s400/f16-request", "turkey-s400/turkey", "actor", 1]
["turkey-s400/f35-equipment-halt", "turkey-s400/usa", "actor", 1]
["turkey-s400/f35-mou-notification", "turkey-s400/usa", "actor", 1]
["turkey-s400/f35-removal-finalized-wapo", "turkey-s400/usa", "actor", 1]
["turkey-s400/f35-suspension", "turkey-s400/ellen-lord", "actor", 3]
["turkey-s400/f35-suspension", "turkey-s400/us-dod", "actor", 2]
["turkey-s400/f35-suspension", "turkey-s400/white-house", "actor", 1]
["turkey-s400/final-stage-of-talks", "turkey-s400/turkey", "actor", 1]
["turkey-s400/first-battery-delivered", "turkey-s400/russia", "actor", 1]
["turkey-s400/first-battery-delivered", "turkey-s400/turkey", "actor", 2]
["turkey-s400/first-delivery-begins", "turkey-s400/russia", "actor", 1]
["turkey-s400/first-delivery-begins", "turkey-s400/turkey", "actor", 2]
["turkey-s400/live-fire-test", "turkey-s400/turkey", "actor", 1]
["turkey-s400/loan-agreement-signed", "turkey-s400/chemezov", "actor", 3]
["turkey-s400/loan-agreement-signed", "turkey-s400/russia", "actor", 2]
["turkey-s400/loan-agreement-signed", "turkey-s400/turkey", "actor", 1]
["turkey-s400/madrid-memorandum", "turkey-s400/finland", "actor", 2]
["turkey-s400/madrid-memorandum", "turkey-s400/sweden", "actor", 3]
["turkey-s400/madrid-memorandum", "turkey-s400/turkey", "actor", 1]
["turkey-s400/mod-s400-in-inventory", "turkey-s400/turkey-mod", "actor", 1]
["turkey-s400/mod-signing-date", "turkey-s400/russia", "actor", 3]
["turkey-s400/mod-signing-date", "turkey-s400/turkey", "actor", 2]
["turkey-s400/mod-signing-date", "turkey-s400/turkey-mod", "actor", 1]
["turkey-s400/mod-signing-date", "turkey-s400/turkey-mod", "claimed_by", 1]
["turkey-s400/pentagon-supports-f16-modernisation", "turkey-s400/biden", "actor", 3]
["turkey-s400/pentagon-supports-f16-modernisation", "turkey-s400/erdogan", "actor", 4]
["turkey-s400/pentagon-supports-f16-modernisation", "turkey-s400/us-dod", "actor", 1]
["turkey-s400/pentagon-supports-f16-modernisation", "turkey-s400/wallander", "actor", 2]
["turkey-s400/principal-agreements", "turkey-s400/russia", "actor", 2]
["turkey-s400/principal-agreements", "turkey-s400/turkey", "actor", 1]
["turkey-s400/radar-tests", "turkey-s400/turkey", "actor", 1]
["turkey-s400/rosoboronexport-expects-second-contract", "turkey-s400/rosoboronexport", "actor", 1]
["turkey-s400/rosoboronexport-not-signed", "turkey-s400/mikheev", "actor", 2]
["turkey-s400/rosoboronexport-not-signed", "turkey-s400/rosoboronexport", "actor", 1]
["turkey-s400/rostec-contract-value", "turkey-s400/chemezov", "actor", 2]
["turkey-s400/rostec-contract-value", "turkey-s400/rostec", "actor", 1]
["turkey-s400/second-batch-agreement-in-principle", "turkey-s400/ssb", "actor", 1]
["turkey-s400/second-batch-agreement-in-principle", "turkey-s400/ssb", "claimed_by", 1]
["turkey-s400/second-batch-may-slip", "turkey-s400/ssb", "actor", 1]
["turkey-s400/second-battery-delivered", "turkey-s400/russia", "actor", 1]
["turkey-s400/second-battery-delivered", "turkey-s400/turkey", "actor", 2]
["turkey-s400/second-contract-claim", "turkey-s400/fsvts", "actor", 2]
["turkey-s400/second-contract-claim", "turkey-s400/fsvts", "claimed_by", 1]
["turkey-s400/second-contract-claim", "turkey-s400/shugayev", "actor", 1]
["turkey-s400/second-contract-claim", "turkey-s400/turkish-defence-official", "disputed_by", 1]
["turkey-s400/second-regiment-supplies-claim", "turkey-s400/fsvts", "actor", 2]
["turkey-s400/second-regiment-supplies-claim", "turkey-s400/fsvts", "claimed_by", 1]
["turkey-s400/second-regiment-supplies-claim", "turkey-s400/shugayev", "actor", 1]
["turkey-s400/shanahan-letter", "turkey-s400/shanahan", "actor", 1]
["turkey-s400/shanahan-letter", "turkey-s400/us-dod", "actor", 2]
["turkey-s400/sochi-meeting", "turkey-s400/erdogan", "actor", 2]
["turkey-s400/sochi-meeting", "turkey-s400/putin", "actor", 1]
["turkey-s400/state-dept-no-new-developments", "turkey-s400/ned-price", "actor", 1]
["turkey-s400/state-dept-no-new-developments", "turkey-s400/us-state-dept", "actor", 2]
["turkey-s400/talks-become-public", "turkey-s400/russia", "actor", 2]
["turkey-s400/talks-become-public", "turkey-s400/turkey", "actor", 1]
["turkey-s400/test-confirmed-and-condemned", "turkey-s400/erdogan", "actor", 1]
["turkey-s400/test-confirmed-and-condemned", "turkey-s400/us-dod", "actor", 2]
["turkey-s400/trump-erdogan-white-house", "turkey-s400/erdogan", "actor", 2]
["turkey-s400/trump-erdogan-white-house", "turkey-s400/trump", "actor", 1]
["turkey-s400/trump-no-f35", "turkey-s400/trump", "actor", 1]
["turkey-s400/turkey-no-new-deal", "turkey-s400/ssb", "actor", 1]
["turkey-s400/turkey-no-new-deal", "turkey-s400/turkish-defence-official", "actor", 2]
