// Command genclients writes N synthetic client descriptions that extend a
// vendor profile, and the profile itself, for batch examples and
// benchmarks: the directory it writes builds as it is. The output is the
// same for the same arguments.
//
//	go run ./tools/genclients -n 1000 -o /tmp/clients
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dpa-tool/dpa/examples"
)

// place is a country with a plausible address and local titles.
type place struct {
	country, region, city, street, postcode, suffix string
	dpo, ceo                                        string
	first, last                                     []string
}

var places = []place{
	{"DE", "DE-BE", "Berlin", "Friedrichstraße", "10117", "GmbH", "Datenschutzbeauftragte", "Geschäftsführer", []string{"Anna", "Lukas", "Sophie", "Jonas"}, []string{"Schneider", "Fischer", "Weber", "Wagner"}},
	{"FR", "", "Paris", "rue de Rivoli", "75001", "SAS", "Déléguée à la protection des données", "Président", []string{"Camille", "Louis", "Chloé", "Hugo"}, []string{"Martin", "Bernard", "Dubois", "Lefèvre"}},
	{"IT", "", "Milano", "Via Torino", "20123", "S.r.l.", "Responsabile della protezione dei dati", "Amministratore Delegato", []string{"Giulia", "Marco", "Chiara", "Luca"}, []string{"Rossi", "Bianchi", "Colombo", "Ricci"}},
	{"ES", "ES-MD", "Madrid", "Calle de Alcalá", "28014", "S.L.", "Delegada de Protección de Datos", "Consejero Delegado", []string{"Lucía", "Pablo", "Carmen", "Javier"}, []string{"García", "Fernández", "López", "Martínez"}},
	{"NL", "", "Utrecht", "Oudegracht", "3511 AB", "B.V.", "Functionaris gegevensbescherming", "Directeur", []string{"Sanne", "Daan", "Emma", "Bram"}, []string{"de Jong", "Jansen", "Visser", "Bakker"}},
	{"BE", "", "Gent", "Korenmarkt", "9000", "BV", "Data Protection Officer", "Zaakvoerder", []string{"Lotte", "Wout", "Elise", "Arne"}, []string{"Peeters", "Maes", "Claes", "Wouters"}},
	{"AT", "", "Wien", "Mariahilfer Straße", "1070", "GmbH", "Datenschutzbeauftragter", "Geschäftsführerin", []string{"Lena", "Tobias", "Hannah", "Felix"}, []string{"Gruber", "Huber", "Bauer", "Wagner"}},
	{"PL", "", "Kraków", "ulica Floriańska", "31-019", "sp. z o.o.", "Inspektor ochrony danych", "Prezes Zarządu", []string{"Zofia", "Jakub", "Małgorzata", "Paweł"}, []string{"Nowak", "Kowalski", "Wiśniewska", "Wójcik"}},
	{"SE", "", "Göteborg", "Kungsportsavenyen", "411 36", "AB", "Dataskyddsombud", "Verkställande direktör", []string{"Elsa", "Oskar", "Maja", "Erik"}, []string{"Andersson", "Johansson", "Karlsson", "Nilsson"}},
	{"IE", "", "Cork", "Patrick Street", "T12 XY34", "Ltd.", "Data Protection Officer", "Managing Director", []string{"Aoife", "Cian", "Niamh", "Seán"}, []string{"Murphy", "Kelly", "O'Sullivan", "Walsh"}},
	{"PT", "", "Porto", "Rua de Santa Catarina", "4000-447", "Lda.", "Encarregada da proteção de dados", "Administrador", []string{"Beatriz", "Tiago", "Inês", "Duarte"}, []string{"Silva", "Santos", "Ferreira", "Costa"}},
	{"CZ", "", "Brno", "Masarykova", "602 00", "s.r.o.", "Pověřenec pro ochranu osobních údajů", "Jednatel", []string{"Tereza", "Jan", "Eliška", "Tomáš"}, []string{"Novák", "Dvořák", "Černá", "Procházka"}},
	{"GR", "", "Αθήνα", "Οδός Ερμού", "105 63", "Α.Ε.", "Υπεύθυνος Προστασίας Δεδομένων", "Διευθύνων Σύμβουλος", []string{"Μαρία", "Νίκος", "Ελένη", "Γιώργος"}, []string{"Παπαδοπούλου", "Ιωάννου", "Νικολάου", "Γεωργίου"}},
	{"DK", "", "Aarhus", "Søndergade", "8000", "ApS", "Databeskyttelsesrådgiver", "Administrerende direktør", []string{"Freja", "Magnus", "Ida", "Emil"}, []string{"Nielsen", "Jensen", "Hansen", "Pedersen"}},
	{"DE", "DE-BY", "München", "Leopoldstraße", "80802", "GmbH", "Datenschutzkoordinatorin", "Geschäftsführer", []string{"Marie", "Paul", "Laura", "Felix"}, []string{"Müller", "Schmid", "Hofmann", "Huber"}},
	{"FI", "", "Tampere", "Hämeenkatu", "33100", "Oy", "Tietosuojavastaava", "Toimitusjohtaja", []string{"Aino", "Eetu", "Helmi", "Onni"}, []string{"Korhonen", "Virtanen", "Mäkinen", "Nieminen"}},
}

var trades = []struct{ name, subject, subjects, data string }{
	{"Textil", "customer service for its online fashion shop", "Online shoppers who contact customer service", "Name and contact details, Order and delivery data, Ticket messages"},
	{"Reisen", "support for travellers who booked trips", "Travellers and their companions", "Name and contact details, Booking references, Ticket messages"},
	{"Energie", "support for household energy customers", "Household customers", "Name and contact details, Meter and contract numbers, Ticket messages"},
	{"Software", "technical support for its software users", "Users of its software products", "Name and business contact details, Product and licence data, Ticket messages and attachments"},
	{"Logistik", "delivery enquiries of parcel recipients", "Parcel senders and recipients", "Name and address, Tracking numbers, Ticket messages"},
	{"Finanz", "enquiries of account holders", "Account holders and prospective customers", "Name and contact details, Customer number, Ticket messages"},
}

const usage = `genclients writes N synthetic client descriptions (client-0001.yaml, ...)
into a directory, each extending a vendor profile, and writes that profile
(the Nimbus Desk profile of examples/batch) unless the file exists already.
The result is a batch that dpa builds as it is, for examples and
benchmarks; the same arguments give the same files.

Usage:
  go run ./tools/genclients [-n N] [-o DIR] [-profile PATH]

Example:
  go run ./tools/genclients -n 1000 -o /tmp/clients
  dpa build -q -o /tmp/out /tmp/clients

Flags:
`

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "genclients:", err)
		os.Exit(2)
	}
}

// run parses args and writes the batch.
func run(args []string, stderr io.Writer) error {
	fl := flag.NewFlagSet("genclients", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprint(stderr, usage)
		fl.PrintDefaults()
	}
	n := fl.Int("n", 12, "number of clients")
	out := fl.String("o", "clients", "output `directory`")
	profile := fl.String("profile", "vendor/nimbus.yaml", "the vendor profile the clients extend, relative to the output directory; written when missing")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		fl.Usage()
		return fmt.Errorf("unexpected arguments %q", fl.Args())
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	pp := filepath.Join(*out, filepath.FromSlash(*profile))
	if _, err := os.Stat(pp); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(pp), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(pp, examples.NimbusProfile, 0o644); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	for i := 0; i < *n; i++ {
		p := places[i%len(places)]
		tr := trades[(i/len(places)+i)%len(trades)]
		id := fmt.Sprintf("client-%04d", i+1)
		first, last := p.first[i%4], p.last[(i/4)%4]
		company := fmt.Sprintf("%s %s %d %s", strings.Split(p.city, " ")[0], tr.name, i+1, p.suffix)
		agency := i%4 == 3 // every fourth client is an agency acting as processor: Module Three
		var b strings.Builder
		fmt.Fprintf(&b, "# Synthetic client %d (generated by tools/genclients).\nextends: %s\nversion: 1\n\n", i+1, *profile)
		fmt.Fprintf(&b, "agreement:\n  reference: ND-%s-%04d\n  date: 2026-%02d-%02d\n\n", p.country, i+1, 1+i%12, 1+i%28)
		fmt.Fprintf(&b, "parties:\n  - id: %s\n    name: %q\n    address: %q\n    country: %s\n", id, company, fmt.Sprintf("%s %d, %s %s", p.street, 1+i%90, p.postcode, p.city), p.country)
		if p.region != "" {
			fmt.Fprintf(&b, "    region: %s\n", p.region)
		}
		mail := fmt.Sprintf("privacy@%s.example", id)
		fmt.Fprintf(&b, "    contact: {name: %q, position: %q, email: %s}\n", first+" "+last, p.dpo, mail)
		fmt.Fprintf(&b, "    signatory: {name: %q, position: %q}\n\n", p.first[(i+1)%4]+" "+p.last[(i+2)%4], p.ceo)
		fmt.Fprintf(&b, "transfers:\n  - id: helpdesk\n    title: Nimbus Desk help desk\n    exporter: %s\n    importer: nimbus\n", id)
		if agency {
			fmt.Fprintf(&b, "    roles: {exporter: processor, importer: processor}\n    controllers: The retailers for which %s runs customer service as processor\n", company)
			fmt.Fprintf(&b, "    subject_matter: Help desk for the customer service %s runs on behalf of its clients\n", company)
		} else {
			fmt.Fprintf(&b, "    roles: {exporter: controller, importer: processor}\n    subject_matter: Help desk for %s\n", tr.subject)
		}
		fmt.Fprintf(&b, "    duration: For the term of the Nimbus Desk Subscription Terms\n    data_subjects: [%s]\n", tr.subjects)
		fmt.Fprintf(&b, "    personal_data: [%s]\n    frequency: continuous\n    nature: [Hosting, Storage, Search, Routing of tickets]\n", tr.data)
		fmt.Fprintf(&b, "    purposes: [Handling of customer enquiries and complaints]\n    retention: Tickets are deleted 24 months after they are closed\n")
		fmt.Fprintf(&b, "    subprocessing: Hosting, storage, search and support, for the same purposes and duration\n")
		fmt.Fprintf(&b, "    tia: {reference: TIA-ND-%04d, date: 2026-%02d-%02d}\n", i+1, 1+i%12, 1+i%28)
		if i%3 == 1 {
			fmt.Fprintf(&b, "\nscc:\n  governing_law: {exporter_country: true, fallback: IE}\n  courts: %s\n", p.country)
		} else if i%3 == 2 {
			fmt.Fprintf(&b, "\nscc:\n  governing_law: %s\n  courts: %s\n", p.country, p.country)
		}
		name := filepath.Join(*out, id+".yaml")
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
