"""Plan, follow-up and profile files in and out: reading a checked file into the database in one
transaction, and writing the database out as a file. The file schemas themselves are Django-free and
live in `styrkedja.planfiles`."""
