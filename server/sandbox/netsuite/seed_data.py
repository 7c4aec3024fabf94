"""The sandbox account's rows as compact tables; `seed.py` turns them into typed records."""

from __future__ import annotations

# id, name, parent, currency id, country, is elimination
SUBSIDIARIES = [
    ("1", "Honeycomb Holdings Inc.", None, "1", "US", False),
    ("2", "Honeycomb UK Ltd", "1", "2", "GB", False),
    ("3", "Honeycomb GmbH", "1", "4", "DE", False),
    ("4", "Honeycomb Canada Inc.", "1", "3", "CA", False),
    ("5", "Honeycomb Elimination", "1", "1", "US", True),
]

# NetSuite numbers currencies in the order they were enabled; USD is the base currency here.
CURRENCIES = [("1", "USD", "US Dollar", True), ("2", "GBP", "British pound", False)]
CURRENCIES += [("3", "CAD", "Canadian Dollar", False), ("4", "EUR", "Euro", False)]
# Base-price conversion from USD list prices, so every item has a price in every currency.
FX_FROM_USD = {"1": 1.0, "2": 0.79, "3": 1.36, "4": 0.92}

# id, company name (None → individual "First Last"), email, subsidiary, inactive, externalId
CUSTOMERS: list[tuple[str, str | None, str, str, bool, str | None]] = [
    ("201", "Acme Corp", "orders@acme.example", "1", False, "hubspot-company-9001"),
    ("202", "ACME Corporation", "ap@acmecorp.example", "1", False, None),
    ("203", "Acme Industries", "purchasing@acme.example", "4", False, "hubspot-company-9003"),
    ("204", "Globex Corporation", "buyers@globex.example", "1", False, "hubspot-company-9004"),
    ("205", "Initech LLC", "finance@initech.example", "1", False, None),
    ("206", "Umbrella Retail Ltd", "orders@umbrella.example", "2", False, "hubspot-company-9006"),
    ("207", "Stark Components", "procurement@stark.example", "1", False, None),
    ("208", "Wayne Enterprises", "supply@wayne.example", "1", False, "hubspot-company-9008"),
    ("209", "Tyrell Systems GmbH", "einkauf@tyrell.example", "3", False, None),
    ("210", "Cyberdyne Robotics", "ops@cyberdyne.example", "1", False, None),
    ("211", "Northwind Traders", "orders@northwind.example", "1", False, "hubspot-company-9011"),
    ("212", "Northwind Traders UK", "orders@northwind.example", "2", False, None),
    ("213", "Contoso Pharmaceuticals", "ap@contoso.example", "1", False, None),
    ("214", "Fabrikam Maple Inc.", "info@fabrikam.example", "4", False, "hubspot-company-9014"),
    ("215", "Blue Yonder Airlines", "fleet@blueyonder.example", "1", False, None),
    ("216", "Wide World Importers", "imports@wideworld.example", "1", False, None),
    ("217", "Adventure Works Cycles", "dealers@adventure.example", "1", False, None),
    ("218", "Litware Software", "it@litware.example", "1", True, None),
    ("219", "Proseware Inc.", "purchasing@proseware.example", "1", False, None),
    ("220", "Lucerne Publishing", "books@lucerne.example", "2", False, None),
    ("221", "Margie's Travel", "bookings@margies.example", "1", True, "hubspot-company-9021"),
    ("222", "Alpine Ski House GmbH", "bestellung@alpineski.example", "3", False, None),
    ("223", "Coho Winery", "cellar@coho.example", "1", False, None),
    ("224", "Trey Research", "lab@treyresearch.example", "1", False, None),
    ("225", "Woodgrove Bank", "vendors@woodgrove.example", "1", False, None),
    ("226", "Old Acme Holdings", "legal@acme.example", "1", True, None),
    ("227", None, "jane.doe@gmail.example", "1", False, "hubspot-contact-7001"),
    ("228", None, "john.smith@outlook.example", "1", False, None),
    ("229", None, "emma.brown@acme.example", "2", False, None),
    ("230", None, "lukas.meyer@web.example", "3", False, None),
]
# (customer, currency) beyond the primary one: Northwind's UK arm is also invoiced in US dollars.
CUSTOMER_CURRENCIES = [("212", "1")]
# Individuals (company name None above) in the same order.
PERSON_NAMES = [("Jane", "Doe"), ("John", "Smith"), ("Emma", "Brown"), ("Lukas", "Meyer")]

# id, itemid (= HubSpot SKU), display name, itemtype, USD base price, inactive
ITEMS: list[tuple[str, str, str, str, float, bool]] = [
    ("101", "WIDGET-1", "Widget, standard", "InvtPart", 25.0, False),
    ("102", "WIDGET-2", "Widget, heavy duty", "InvtPart", 40.0, False),
    ("103", "GADGET-PRO", "Gadget Pro", "InvtPart", 199.0, False),
    ("104", "GADGET-MINI", "Gadget Mini", "InvtPart", 79.0, False),
    ("105", "SPROCKET-10", "Sprocket 10 mm", "InvtPart", 3.5, False),
    ("106", "SPROCKET-20", "Sprocket 20 mm", "InvtPart", 4.75, False),
    ("107", "BOLT-M8", "Bolt M8, box of 100", "InvtPart", 12.0, False),
    ("108", "NUT-M8", "Nut M8, box of 100", "InvtPart", 8.0, False),
    ("109", "CABLE-5M", "Power cable 5 m", "InvtPart", 15.0, False),
    ("110", "CABLE-10M", "Power cable 10 m", "InvtPart", 22.0, False),
    ("111", "SENSOR-T1", "Temperature sensor", "InvtPart", 55.0, False),
    ("112", "SENSOR-P1", "Pressure sensor", "InvtPart", 65.0, False),
    ("113", "PANEL-A", "Control panel A", "InvtPart", 320.0, False),
    ("114", "PANEL-B", "Control panel B", "InvtPart", 410.0, False),
    ("115", "OLD-WIDGET", "Widget (discontinued)", "InvtPart", 20.0, True),
    ("116", "OLD-GADGET", "Gadget classic (discontinued)", "InvtPart", 150.0, True),
    ("117", "DUP-SKU", "Duplicate SKU, warehouse A", "InvtPart", 10.0, False),
    ("118", "DUP-SKU", "Duplicate SKU, warehouse B", "InvtPart", 11.0, False),
    ("119", "FILTER-S", "Filter cartridge S", "InvtPart", 9.0, False),
    ("120", "FILTER-L", "Filter cartridge L", "InvtPart", 14.0, False),
    ("121", "PUMP-100", "Pump 100 l/min", "InvtPart", 890.0, False),
    ("122", "VALVE-2", "Valve 2 inch", "InvtPart", 120.0, False),
    ("123", "GASKET-SET", "Gasket set", "InvtPart", 18.0, False),
    ("124", "MOTOR-1KW", "Motor 1 kW", "InvtPart", 540.0, False),
    ("131", "ASSEMBLY-100", "Pump station assembly", "Assembly", 2450.0, False),
    ("132", "ASSEMBLY-200", "Control cabinet assembly", "Assembly", 3900.0, False),
    ("133", "ASSEMBLY-OLD", "Legacy assembly", "Assembly", 1800.0, True),
    ("134", "ASSEMBLY-300", "Sensor array assembly", "Assembly", 760.0, False),
    ("141", "KIT-STARTER", "Starter kit", "Kit", 299.0, False),
    ("142", "KIT-PRO", "Professional kit", "Kit", 899.0, False),
    ("143", "KIT-SPARES", "Spare parts kit", "Kit", 149.0, False),
    ("151", "NI-MANUAL", "Printed manual", "NonInvtPart", 25.0, False),
    ("152", "NI-LICENSE", "Software license, 1 year", "NonInvtPart", 1200.0, False),
    ("153", "NI-WARRANTY", "Extended warranty, 2 years", "NonInvtPart", 350.0, False),
    ("154", "NI-DROPSHIP", "Drop-shipped accessory", "NonInvtPart", 60.0, False),
    ("155", "NI-OLD-LICENSE", "Software license (legacy)", "NonInvtPart", 900.0, True),
    ("156", "NI-SUBSCRIPTION", "Cloud subscription, monthly", "NonInvtPart", 99.0, False),
    ("161", "SVC-INSTALL", "Installation service", "Service", 150.0, False),
    ("162", "SVC-TRAINING", "Training day", "Service", 1100.0, False),
    ("163", "SVC-SUPPORT", "Support plan, annual", "Service", 2400.0, False),
    ("164", "SVC-CONSULT", "Consulting hour", "Service", 180.0, False),
    ("165", "SVC-MAINT", "Maintenance visit", "Service", 450.0, False),
    ("166", "SVC-ONSITE", "On-site engineer day", "Service", 1300.0, False),
    ("167", "SVC-LEGACY", "Legacy support", "Service", 200.0, True),
    ("168", "SVC-CALIBRATION", "Calibration service", "Service", 260.0, False),
    ("171", "SHIP-FEE", "Shipping fee", "OthCharge", 35.0, False),
    ("172", "HANDLING-FEE", "Handling fee", "OthCharge", 12.5, False),
    ("173", "RESTOCK-FEE", "Restocking fee", "OthCharge", 45.0, False),
    ("174", "EXPEDITE-FEE", "Expedited shipping", "OthCharge", 85.0, False),
    ("181", "DISC-10", "Discount, fixed 10", "Discount", -10.0, False),
    ("182", "DISC-LOYALTY", "Loyalty discount", "Discount", -50.0, False),
    ("183", "DISC-PROMO", "Promo discount", "Discount", -25.0, False),
    ("191", "GROUP-BUNDLE", "Widget bundle (group)", "Group", 0.0, False),
    ("192", "GROUP-SERVICE", "Service bundle (group)", "Group", 0.0, False),
    ("193", "WIDGET-3", "Widget, compact", "InvtPart", 30.0, False),
    ("194", "WIDGET-4", "Widget, stainless", "InvtPart", 55.0, False),
    ("195", "GADGET-MAX", "Gadget Max", "InvtPart", 299.0, False),
    ("196", "CASE-SMALL", "Carrying case, small", "InvtPart", 19.0, False),
    ("197", "CASE-LARGE", "Carrying case, large", "InvtPart", 29.0, False),
    ("198", "PAYMENT-ITEM", "Payment", "Payment", 0.0, False),
]

# id, first, last, is sales rep, inactive
EMPLOYEES = [
    ("301", "Alice", "Nguyen", True, False),
    ("302", "Bob", "Martinez", True, False),
    ("303", "Carol", "Okafor", True, False),
    ("304", "Dieter", "Schmidt", True, False),
    ("305", "Eleanor", "Wright", True, False),
    ("306", "Farid", "Haddad", True, True),
    ("307", "Grace", "Lee", False, False),
    ("308", "Henry", "Tremblay", True, False),
]
DEPARTMENTS = [("1", "Sales"), ("2", "Professional Services"), ("3", "Support"), ("4", "Marketing")]
CLASSES = [("1", "Hardware"), ("2", "Software"), ("3", "Services")]
LOCATIONS = [("1", "US East Warehouse"), ("2", "US West Warehouse"), ("3", "UK Warehouse")]
LOCATIONS += [("4", "Berlin Warehouse"), ("5", "Toronto Warehouse")]
PRICE_LEVELS = [("1", "Base Price"), ("2", "Wholesale"), ("5", "Online Price")]
# Price level → multiplier of the base price.
PRICE_LEVEL_FACTORS = {"1": 1.0, "2": 0.85, "5": 0.95}
REGIONS = [("1", "West"), ("2", "East"), ("3", "Central"), ("4", "International")]
# id, name, parent
FOLDERS = [("3", "Documents", None), ("12", "Sales Orders", "3"), ("13", "HubSpot Attachments", "12")]
FOLDERS += [("20", "Contracts", "3"), ("-15", "SuiteScripts", None)]

# id, tranid, date, status, customer, form, memo, [(itemid-internal, quantity, rate | None)]
ORDERS: list[tuple[str, str, str, str, str, str, str | None, list[tuple[str, float, float | None]]]] = [
    ("501", "SO1001", "2026-01-05", "A", "201", "68", "Awaiting approval", [("101", 10, None)]),
    ("502", "SO1002", "2026-01-07", "B", "201", "68", None, [("103", 2, None), ("171", 1, None)]),
    ("503", "SO1003", "2026-01-09", "C", "202", "68", "Customer cancelled", [("102", 5, None)]),
    ("504", "SO1004", "2026-01-12", "D", "204", "121", None, [("131", 1, None), ("161", 4, None)]),
    ("505", "SO1005", "2026-01-15", "E", "204", "121", None, [("101", 100, 22.5), ("102", 50, None)]),
    ("506", "SO1006", "2026-01-20", "F", "205", "68", None, [("141", 3, None)]),
    ("507", "SO1007", "2026-01-22", "G", "206", "121", "UK order", [("113", 1, None), ("171", 1, None)]),
    ("508", "SO1008", "2026-01-25", "H", "207", "68", None, [("109", 20, None)]),
    ("509", "SO1009", "2026-02-02", "B", "208", "135", "Support contract", [("163", 1, None)]),
    ("510", "SO1010", "2026-02-03", "G", "209", "68", None, [("121", 2, None), ("122", 4, None)]),
    ("511", "SO1011", "2026-02-05", "A", "210", "68", None, [("111", 6, None), ("112", 6, None)]),
    ("512", "SO1012", "2026-02-09", "F", "211", "121", None, [("132", 1, None), ("181", 1, None)]),
    ("513", "SO1013", "2026-02-11", "B", "212", "68", None, [("105", 500, None), ("106", 500, None)]),
    ("514", "SO1014", "2026-02-14", "D", "213", "68", None, [("142", 2, None), ("161", 2, None)]),
    ("515", "SO1015", "2026-02-17", "E", "214", "121", None, [("124", 3, None)]),
    ("516", "SO1016", "2026-02-20", "G", "215", "135", "Training", [("162", 2, None)]),
    ("517", "SO1017", "2026-02-24", "H", "216", "68", None, [("119", 40, None), ("120", 40, None)]),
    ("518", "SO1018", "2026-03-02", "C", "217", "68", None, [("193", 12, None)]),
    ("519", "SO1019", "2026-03-04", "B", "219", "68", None, [("152", 10, 1000.0)]),
    ("520", "SO1020", "2026-03-06", "G", "220", "121", None, [("151", 25, None), ("172", 1, None)]),
    ("521", "SO1021", "2026-03-09", "F", "222", "68", None, [("143", 4, None)]),
    ("522", "SO1022", "2026-03-11", "A", "223", "68", None, [("196", 30, None), ("197", 30, None)]),
    ("523", "SO1023", "2026-03-13", "B", "227", "68", None, [("104", 1, None)]),
    ("524", "SO1024", "2026-03-16", "E", "229", "68", None, [("103", 1, None), ("174", 1, None)]),
    ("525", "SO1025", "2026-03-18", "B", "203", "121", None, [("134", 2, None), ("165", 1, None)]),
]
