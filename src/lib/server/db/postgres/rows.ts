/** The columns PostgreSQL's queries ask for (rows and records: ../classroom-rows.ts). */
// Text is ordered byte-wise (COLLATE "C") wherever order is part of the contract, as SQLite orders
// it: a managed server's default collation (say en_US.UTF-8) would sort differently.
export const ASSIGNMENT_COLUMNS = `
	a.id, a.join_code, a.title, a.module_slug, a.due_at, a.pass_mark, a.tries, a.reveal, a.mode, a.closed_at,
	a.released_at, a.created_at,
	ARRAY(SELECT lesson_slug FROM assignment_lessons WHERE assignment_id = a.id ORDER BY position) AS lessons`;

export const STUDENT_COLUMNS = 'st.id, st.assignment_id, st.name, st.created_at, st.last_active_at';
